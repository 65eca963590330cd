#include "io/output_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/invisible.h"

namespace cotation::io {

namespace {
const char* const kSqliteKind = "une campagne Cotation ou une autre base SQLite";
thread_local const RenameWatch::Fn* rename_watch = nullptr;
}  // namespace

RenameWatch::RenameWatch(Fn fn) : fn_(std::move(fn)), previous_(rename_watch) { rename_watch = &fn_; }
RenameWatch::~RenameWatch() { rename_watch = previous_; }

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

std::string folder_obstacle(const std::string& path) {
    std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (folder.empty()) folder = ".";
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0)
        return errno == EACCES ? "le dossier " + fr::quote_path(folder.string()) + " n'est pas accessible (permission refusée)"
                               : "le dossier " + fr::quote_path(folder.string()) + " n'existe pas";
    if (!S_ISDIR(st.st_mode)) return fr::quote_path(folder.string()) + " n'est pas un dossier";
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        return errno == EROFS ? "le dossier " + fr::quote_path(folder.string()) + " est en lecture seule"
                              : "écriture refusée dans le dossier " + fr::quote_path(folder.string());
    return "";
}

void refuse_unsafe_output(const std::string& path) {
    const std::string what = output_obstacle(path);
    if (what.empty()) {
        // The temporary name is written through: a link planted there would
        // send the bytes elsewhere.
        const std::string tmp = path + ".tmp", tmp_what = output_obstacle(tmp);
        if (!tmp_what.empty())
            throw Error("Impossible d'écrire " + fr::quote_path(path) + " : son nom temporaire « " + tmp + " » est celui d'" +
                        tmp_what + ", que Cotation ne remplace pas ; rien n'a été écrit. Supprimez-le ou indiquez un autre nom.");
        // The folder it goes in, said before any work (trial 1011F N6: a map
        // into a missing folder gave no reason, the minutes an English one).
        if (const std::string why = folder_obstacle(path); !why.empty())
            throw Error("Impossible d'écrire " + fr::quote_path(path) + " : " + why + " ; rien n'a été écrit.");
        return;
    }
    if (what == "un dossier")
        throw Error("Impossible d'écrire " + fr::quote_path(path) +
                    " : c'est un dossier ; indiquez un fichier (rien n'a été écrit).");
    throw Error("Impossible d'écrire " + fr::quote_path(path) + " : ce nom est celui d'" + what +
                ", que Cotation ne remplace pas ; rien n'a été écrit. Indiquez un fichier ordinaire (un autre nom).");
}

std::string file_kind(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "";
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.empty()) return "";
    if (head.rfind(std::string("SQLite format 3\0", 16), 0) == 0) return kSqliteKind;
    if (head.rfind("%PDF-", 0) == 0) return "un PDF";
    if (head.rfind("\x89PNG\r\n\x1a\n", 0) == 0) return "une image PNG";
    if (head.rfind("PK\x03\x04", 0) == 0) {
        // An OpenDocument file names its kind first, stored uncompressed at
        // byte 30 (« mimetype » then the type): a text is not a spreadsheet.
        if (head.size() >= 38 && head.compare(30, 8, "mimetype") == 0) {
            if (head.compare(38, 39, "application/vnd.oasis.opendocument.text") == 0) return "un document ODT";
            if (head.compare(38, 46, "application/vnd.oasis.opendocument.spreadsheet") == 0) return "un classeur ODS";
        }
        return "une archive ZIP (classeur, document bureautique…)";
    }
    if (head.find('\0') != std::string::npos) return "un fichier binaire";
    return "un fichier texte";
}

void refuse_replacing_another_kind(const std::string& tmp, const std::string& path) {
    const std::string there = file_kind(path);
    if (there.empty()) return;   // no file, or an empty one: nothing to lose
    if (there == kSqliteKind)
        throw Error("Impossible d'écrire " + fr::quote_path(path) + " : ce fichier est " + there +
                    ", que Cotation ne remplace jamais par un document ; rien n'a été écrit. Indiquez un autre nom.");
    const std::string written = file_kind(tmp);
    // Two commands writing into one folder at once share a temporary name:
    // the other one's rename took it (trial 13I m2: « pas  ; »).
    if (written.empty())
        throw Error("Impossible d'écrire " + fr::quote_path(path) + " : son fichier temporaire « " + tmp +
                    " » a disparu ou est vide pendant l'écriture (une autre commande écrit-elle dans ce dossier en même "
                    "temps ?) ; rien n'a été écrit. Relancez la commande seule.");
    if (there != written)
        throw Error("Impossible d'écrire " + fr::quote_path(path) + " : ce fichier existe et c'est " + there + ", pas " +
                    written +
                    " ; Cotation ne remplace qu'un fichier du même genre que celui qu'il écrit. Rien n'a été écrit : "
                    "indiquez un autre nom, ou déplacez d'abord ce fichier.");
}

void put_output_in_place(const std::string& tmp, const std::string& path) {
    std::error_code ec;
    try {
        refuse_unsafe_output(path);
        refuse_replacing_another_kind(tmp, path);
        if (rename_watch) (*rename_watch)(tmp, path);
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
    case ENOENT:
    case ENOTDIR: return "aucun fichier ne peut être créé à cet endroit";
    case EIO: return "erreur d'entrée-sortie du disque";
    case 0: return "écriture interrompue";
    // The system's text is English: the number, for whoever looks it up.
    default: return "écriture interrompue (erreur du système n° " + std::to_string(err) + ")";
    }
}

}  // namespace cotation::io
