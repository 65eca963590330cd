#include "batch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <system_error>
#include <mutex>
#include <set>
#include <vector>
#include <thread>

#include "core/error.h"
#include "core/invisible.h"
#include "io/output_file.h"

namespace cotation::report {

void make_folder(const std::string& out_dir) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (!ec) return;
    // The system's own text is English (« Not a directory ») : said in French.
    std::string why;
    if (ec == std::errc::not_a_directory || ec == std::errc::file_exists)
        why = "un fichier porte ce nom (ou un élément du chemin n'est pas un dossier) ; indiquez un dossier";
    else if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted)
        why = "permission refusée";
    else if (ec == std::errc::read_only_file_system)
        why = "système de fichiers en lecture seule";
    else if (ec == std::errc::no_space_on_device)
        why = "plus de place sur le disque";
    else if (ec == std::errc::no_such_file_or_directory)
        why = "chemin introuvable (un dossier du chemin n'existe pas ou n'accepte pas de sous-dossier)";
    else if (ec == std::errc::filename_too_long)
        why = "nom trop long";
    else if (ec == std::errc::too_many_symbolic_link_levels)
        why = "trop de liens symboliques dans le chemin";
    else
        why = "erreur du système n° " + std::to_string(ec.value());
    throw Error("Impossible de créer le dossier " + fr::quote_path(out_dir) + " : " + why + ".");
}

namespace {
std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}
std::string who(const DocumentJob& j) {
    return (j.dossier.empty() ? "" : "dossier « " + j.dossier + " », ") + j.document;
}

// ---- ODT edited since written (trial 1011B F9) ----
std::string file_digest(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "";
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Poco::SHA1Engine sha;
    sha.update(bytes.str());
    return Poco::DigestEngine::digestToHex(sha.digest());
}
// File name -> the digests of the last versions Cotation wrote under it,
// oldest first: the one before a write and the one it writes are both
// Cotation's own while the rename may or may not have happened.
using Digests = std::map<std::string, std::vector<std::string>>;
constexpr std::size_t kDigestsKept = 4;
Digests read_digests(const std::filesystem::path& folder) {
    Digests out;
    std::ifstream in(folder / kOdtDigests);
    for (std::string line; std::getline(in, line);)
        if (auto at = line.find("  "); at != std::string::npos) out[line.substr(at + 2)].push_back(line.substr(0, at));
    return out;
}
bool written_by_cotation(const Digests& known, const std::filesystem::path& odt) {
    auto it = known.find(odt.filename().string());
    if (it == known.end()) return false;
    const std::string now = file_digest(odt.string());
    return std::find(it->second.begin(), it->second.end(), now) != it->second.end();
}
void write_digests(const std::filesystem::path& folder, const Digests& digests) {
    const auto path = folder / kOdtDigests, tmp = folder / (std::string(kOdtDigests) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        for (const auto& [name, list] : digests)
            for (const auto& digest : list) out << digest << "  " << name << "\n";
        if (!out.flush()) return;   // the documents are written; only the protection of the next run is lost
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
}
// A copy of `odt` beside it, « NAME-avant-remplacement.odt » (numbered when
// taken: « -2 », « -3 »…), written whole (a temporary file renamed); the
// copy's path, or empty when it could not be made.
std::string keep_copy(const std::filesystem::path& odt) {
    const std::string stem = (odt.parent_path() / odt.stem()).string() + "-avant-remplacement";
    std::error_code ec;
    std::string copy = stem + ".odt";
    for (int k = 2; std::filesystem::exists(copy, ec) && k < 1000; ++k) copy = stem + "-" + std::to_string(k) + ".odt";
    if (std::filesystem::exists(copy, ec)) return "";
    const std::string tmp = copy + ".tmp";
    if (!std::filesystem::copy_file(odt, tmp, std::filesystem::copy_options::overwrite_existing, ec) ||
        std::filesystem::file_size(tmp, ec) != std::filesystem::file_size(odt, ec)) {
        std::filesystem::remove(tmp, ec);
        return "";
    }
    std::filesystem::rename(tmp, copy, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return "";
    }
    return copy;
}
}  // namespace

DocumentBatch run_jobs(const std::vector<DocumentJob>& given, const BatchControl* control) {
    std::vector<DocumentJob> jobs = given;
    const std::size_t n = jobs.size();
    // « dir/ » + « /name »: each path shown and compared as one (trial 13g G7: « full/l//… »).
    for (auto& job : jobs) job.stem = std::filesystem::path(job.stem).lexically_normal().string();
    // An ODT there that is not the one Cotation last wrote (edited, or put
    // there by hand) is kept: the job writes its PDF only, or nothing.
    std::map<std::filesystem::path, Digests> digests;
    std::vector<std::string> kept, copies, foreign;
    std::vector<char> skipped(n, 0);
    for (std::size_t k = 0; k < n; ++k) {
        if (jobs[k].format == Format::Pdf) continue;
        const std::filesystem::path odt = jobs[k].stem + ".odt";
        const auto folder = odt.parent_path();
        if (!digests.count(folder)) digests[folder] = read_digests(folder);
        std::error_code ec;
        if (!std::filesystem::is_regular_file(odt, ec)) continue;
        if (written_by_cotation(digests[folder], odt)) continue;
        // Not an ODT at all (trial 1011F N7: the campaign itself named
        // « dossier.odt »): never replaced, even with --remplacer, and said so.
        if (const std::string kind = io::file_kind(odt.string()); !kind.empty() && kind != "un document ODT") {
            foreign.push_back("« " + odt.string() + " » est " + kind +
                              ", pas un document ODT : gardé tel quel, jamais remplacé ; "
                              "l'ODT n'est pas écrit. Renommez ou déplacez ce fichier, ou choisissez un autre nom "
                              "ou dossier de sortie (--out).");
            if (jobs[k].format == Format::Odt) skipped[k] = 1;
            else jobs[k].format = Format::Pdf;
            continue;
        }
        if (control && control->replace_edited) {
            // Replaced as asked, but never lost (trial 1011C F10): the edited
            // file is copied whole beside it first; when it cannot be, it is kept.
            if (std::string copy = keep_copy(odt); !copy.empty()) {
                copies.push_back("« " + odt.string() + " » avait été modifié depuis que Cotation l'a écrit : remplacé, "
                                 "la version modifiée est gardée dans « " + copy + " ».");
                continue;
            }
        }
        kept.push_back(odt.string());
        if (jobs[k].format == Format::Odt) skipped[k] = 1;
        else jobs[k].format = Format::Pdf;
    }
    std::vector<std::vector<std::string>> written(n);
    std::vector<std::string> failed(n);
    std::vector<char> done(n, 0);

    // Two documents for one file name: both refused, before anything is written.
    std::map<std::string, std::vector<std::size_t>> by_name;
    for (std::size_t k = 0; k < n; ++k) by_name[lower_ascii(jobs[k].stem)].push_back(k);
    for (const auto& [name, ks] : by_name) {
        if (ks.size() < 2) continue;
        std::string owners;
        for (std::size_t k : ks) owners += (owners.empty() ? "" : " ; ") + who(jobs[k]);
        for (std::size_t k : ks)
            failed[k] = "deux documents porteraient le même nom de fichier « " +
                        std::filesystem::path(jobs[k].stem).filename().string() + " » (" + owners +
                        ") : aucun n'est écrit, jamais l'un par-dessus l'autre.";
    }

    // A run killed before its renames left « NAME.pdf.tmp »: this run's own
    // target names are its to clear, whatever it then writes.
    for (const auto& job : jobs)
        for (const char* ext : {".pdf.tmp", ".odt.tmp"}) {
            std::error_code ec;
            std::filesystem::remove(job.stem + ext, ec);
        }

    std::mutex progress_mutex, digests_mutex;
    std::size_t finished = 0;
    // The digest of each ODT, recorded just before it takes its name (trials
    // 13H and 13I C1: recorded at the end of the run, then after each document,
    // a run killed in between left ODTs of Cotation's own that every later run
    // kept as edited): whatever the moment of a kill, the file under that name
    // is one whose digest is listed.
    // One line appended per ODT (a batch of 10 000 letters rewrites no
    // file 10 000 times); the file is written again, pruned, at the end.
    std::set<std::filesystem::path> touched;
    auto record_digest = [&](const std::string& tmp, const std::string& path) {
        const std::filesystem::path p(path);
        if (p.extension() != ".odt") return;
        const std::string digest = file_digest(tmp), name = p.filename().string();
        std::lock_guard<std::mutex> lock(digests_mutex);
        const auto folder = p.parent_path();
        if (!digests.count(folder)) digests[folder] = read_digests(folder);
        auto& list = digests[folder][name];
        if (std::find(list.begin(), list.end(), digest) != list.end()) return;
        list.push_back(digest);
        touched.insert(folder);
        std::ofstream(folder / kOdtDigests, std::ios::binary | std::ios::app) << digest << "  " << name << "\n";
    };
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        const io::RenameWatch watch(record_digest);   // this thread's outputs
        for (std::size_t k; (k = next++) < n;) {
            if (control && control->cancelled()) break;
            if (failed[k].empty() && !skipped[k]) {
                try {
                    written[k] = jobs[k].write(jobs[k]);
                } catch (const std::exception& x) {
                    failed[k] = x.what();
                } catch (...) {
                    failed[k] = "erreur inattendue.";
                }
            }
            done[k] = 1;
            if (control && control->progress) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                control->progress(++finished, n, std::filesystem::path(jobs[k].stem).filename().string());
            }
        }
    };
    std::size_t workers = std::min<std::size_t>(std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8), n);
    std::vector<std::thread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(worker);
    if (n) worker();   // the caller's thread works too
    for (auto& t : pool) t.join();

    DocumentBatch batch;
    for (std::size_t k = 0; k < n; ++k) {
        if (!done[k]) {
            batch.cancelled = true;
            continue;
        }
        if (!failed[k].empty()) {
            batch.failures.push_back({jobs[k].dossier, jobs[k].document, failed[k]});
            continue;
        }
        batch.written.insert(batch.written.end(), written[k].begin(), written[k].end());
        if (!jobs[k].warning.empty()) batch.warnings.push_back(jobs[k].warning);
    }
    batch.warnings.insert(batch.warnings.end(), copies.begin(), copies.end());
    batch.warnings.insert(batch.warnings.end(), foreign.begin(), foreign.end());
    for (const auto& f : kept)
        batch.warnings.push_back("« " + f +
                                 " » a été modifié depuis que Cotation l'a écrit (ou n'a pas été écrit par Cotation) : "
                                 "gardé tel quel, non remplacé. Pour le remplacer : " +
                                 (control ? control->replace_command : BatchControl{}.replace_command) + ".");
    for (const auto& folder : touched) {
        for (auto& [name, list] : digests[folder])
            if (list.size() > kDigestsKept) list.erase(list.begin(), list.end() - kDigestsKept);
        write_digests(folder, digests[folder]);
    }
    return batch;
}

}  // namespace cotation::report
