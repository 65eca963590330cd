#include "io/output_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <filesystem>

#include "core/error.h"
#include "core/invisible.h"

namespace cotation::io {

std::string output_obstacle(const std::string& path) {
    struct stat st {};
    // lstat: a symbolic link is judged itself, never what it points to.
    if (::lstat(path.c_str(), &st) != 0) return "";
    if (S_ISREG(st.st_mode)) return "";
    if (S_ISLNK(st.st_mode)) return "un lien symbolique";
    if (S_ISDIR(st.st_mode)) return "un dossier";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "un périphérique";
    if (S_ISFIFO(st.st_mode)) return "un tube nommé";
    if (S_ISSOCK(st.st_mode)) return "une socket";
    return "un fichier spécial";
}

void refuse_unsafe_output(const std::string& path) {
    const std::string what = output_obstacle(path);
    if (what.empty()) {
        // The temporary name is written through: a link planted there would
        // send the bytes elsewhere.
        const std::string tmp = path + ".tmp", tmp_what = output_obstacle(tmp);
        if (!tmp_what.empty())
            throw Error("Impossible d'écrire " + fr::quote_path(path) + " : son nom temporaire « " + tmp + " » est celui d'" + tmp_what +
                        ", que Cotation ne remplace pas ; rien n'a été écrit. Supprimez-le ou indiquez un autre nom.");
        return;
    }
    if (what == "un dossier")
        throw Error("Impossible d'écrire " + fr::quote_path(path) + " : c'est un dossier ; indiquez un fichier (rien n'a été écrit).");
    throw Error("Impossible d'écrire " + fr::quote_path(path) + " : ce nom est celui d'" + what +
                ", que Cotation ne remplace pas ; rien n'a été écrit. Indiquez un fichier ordinaire (un autre nom).");
}

void put_output_in_place(const std::string& tmp, const std::string& path) {
    std::error_code ec;
    try {
        refuse_unsafe_output(path);
    } catch (...) {
        std::filesystem::remove(tmp, ec);
        throw;
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw Error("Impossible d'écrire « " + path +
                    " » (le fichier temporaire n'a pas pu prendre ce nom) ; rien n'a été écrit.");
    }
}

std::string write_failure(int err) {
    switch (err) {
    case ENOSPC:
    case EDQUOT: return "le disque est plein";
    case EFBIG: return "la taille de fichier permise à ce programme est dépassée";
    case EACCES:
    case EPERM:
    case EROFS: return "écriture refusée";
    case 0: return "écriture interrompue";
    default: return std::string("écriture interrompue : ") + std::strerror(err);
    }
}

}  // namespace cotation::io
