#pragma once
// What the PNG and PDF writers of the map share: a map is written whole (a
// temporary name, then renamed).
#include <filesystem>
#include <string>

#include "core/error.h"
#include "io/output_file.h"

namespace cotation::report::map_files {

// Onto a folder, or when the renaming fails: said in French, nothing left behind.
inline void refuse_folder(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) io::refuse_unsafe_output(path);
    if (std::filesystem::is_directory(path, ec))
        throw Error("Impossible d'écrire la carte « " + path +
                    " » : c'est un dossier ; indiquez un fichier (CARTE.png ou CARTE.pdf).");
}
inline void put_in_place(const std::string& tmp, const std::string& path) {
    io::put_output_in_place(tmp, path);
}
}  // namespace cotation::report::map_files
