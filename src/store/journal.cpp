#include "journal.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <chrono>
#include <ctime>

namespace cotation {

std::string journal_hash(const JournalEntry& e) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    // Length-prefixed fields: no two different entries hash the same text.
    auto put = [&](const std::string& s) {
        std::string len = std::to_string(s.size()) + ":";
        sha.update(len);
        sha.update(s);
    };
    put(e.prev_hash);
    put(std::to_string(e.seq));
    put(e.at);
    put(e.actor);
    put(e.action);
    put(e.entity);
    put(e.old_value);
    put(e.new_value);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string utc_now_iso() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace cotation
