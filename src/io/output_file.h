#pragma once
// Every output (documents, minutes, committee file, map, offer, exports) is
// written whole under a temporary name, then renamed onto the name asked
// for. rename() replaces whatever holds that name: a device (/dev/full was
// replaced by a PDF as root), a named pipe, a symbolic link (trial 13 F27).
// The one check every output goes through before taking its name.
#include <functional>
#include <string>

namespace cotation::io {

// What holds `path` that an output may not replace, in French (« un lien
// symbolique », « un périphérique »…); "" when nothing does or it is a
// regular file.
std::string output_obstacle(const std::string& path);

// Why nothing can be written in the folder `path` goes in, in French (« le
// dossier « /x » n'existe pas », « écriture refusée dans le dossier … »);
// "" when it can.
std::string folder_obstacle(const std::string& path);

// Throws Error naming `path` when output_obstacle(path) or folder_obstacle(path)
// is not empty.
void refuse_unsafe_output(const std::string& path);

// What a file is, judged from its first bytes, in French: « un PDF »,
// « un document ODT », « une image PNG », « un fichier texte », « une
// campagne Cotation ou une autre base SQLite »…; "" when it is absent or empty.
std::string file_kind(const std::string& path);

// Throws Error naming `path` when a non-empty file there is not of the kind
// of the finished temporary file `tmp` (trial 13H: `cotation pv c.cot --out
// c.cot` turned the campaign into a PDF). A SQLite file is never replaced.
void refuse_replacing_another_kind(const std::string& tmp, const std::string& path);

// Renames the complete temporary file `tmp` onto `path` after those checks;
// on any refusal or failure `tmp` is removed and Error names `path`.
void put_output_in_place(const std::string& tmp, const std::string& path);

// While one lives, put_output_in_place calls its function on this thread
// with the finished temporary file and the name it is about to take, just
// before the rename (the document batch records each ODT's digest there: a
// run killed between the two leaves no file of Cotation's own that the next
// run would take for an edited one, trial 13I C1).
class RenameWatch {
public:
    using Fn = std::function<void(const std::string& tmp, const std::string& path)>;
    explicit RenameWatch(Fn fn);
    ~RenameWatch();
    RenameWatch(const RenameWatch&) = delete;
    RenameWatch& operator=(const RenameWatch&) = delete;

private:
    Fn fn_;
    const Fn* previous_;
};

// Why a write failed, in French, from its errno (trial 13e F6: a full disk
// was said « écriture refusée », which points at the rights): « le disque
// est plein », « la taille de fichier permise est dépassée » (ulimit -f,
// EFBIG), « écriture refusée » (rights, read-only disk), else « écriture
// interrompue (…) ».
std::string write_failure(int err);

}  // namespace cotation::io
