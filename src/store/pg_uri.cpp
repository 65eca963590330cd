// A campaign's URI, read in one place: postgresql://[user@]host[:port]/base?campagne=REF.
#include <libpq-fe.h>

#include "pg_conn.h"

namespace cotation {
namespace pg {
const char* const kUriForm = "forme attendue : postgresql://hôte:port/base?campagne=RÉFÉRENCE";
}  // namespace pg
using pg::kUriForm;
namespace {

std::string percent_decode(const std::string& s, bool& ok) {
    std::string out;
    ok = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            auto hex = [](char c) -> int {
                if (c >= '0' && c <= '9') return c - '0';
                if (c >= 'a' && c <= 'f') return c - 'a' + 10;
                if (c >= 'A' && c <= 'F') return c - 'A' + 10;
                return -1;
            };
            if (i + 2 >= s.size()) {
                ok = false;
                return out;
            }
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) {
                ok = false;
                return out;
            }
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The URI as shown in messages: its password hidden, in the user part or
// as a parameter.
std::string hide_password(std::string uri) {
    for (auto p = uri.find("password="); p != std::string::npos; p = uri.find("password=", p + 10)) {
        auto end = uri.find('&', p);
        uri.replace(p + 9, (end == std::string::npos ? uri.size() : end) - p - 9, "…");
    }
    auto scheme = uri.find("://");
    if (scheme == std::string::npos) return uri;
    auto at = uri.find('@', scheme + 3);
    auto slash = uri.find('/', scheme + 3);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return uri;
    auto colon = uri.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return uri;
    return uri.substr(0, colon + 1) + "…" + uri.substr(at);
}

}  // namespace

bool is_pg_uri(const std::string& text) {
    return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

PgAddress parse_pg_uri(const std::string& uri) {
    PgAddress a;
    std::string shown = hide_password(uri);
    auto bad = [&](const std::string& why) {
        return InputError("Adresse de campagne partagée « " + shown + " » malformée : " + why + " (" + kUriForm + ").");
    };
    if (!is_pg_uri(uri)) throw bad("elle doit commencer par postgresql://");
    auto q = uri.find('?');
    std::string base = uri.substr(0, q), kept;
    bool has_campaign = false;
    if (q != std::string::npos) {
        std::string query = uri.substr(q + 1);
        std::size_t start = 0;
        while (start <= query.size()) {
            std::size_t end = query.find('&', start);
            if (end == std::string::npos) end = query.size();
            std::string item = query.substr(start, end - start);
            start = end + 1;
            if (item.empty()) continue;
            auto eq = item.find('=');
            if (eq == std::string::npos) throw bad("paramètre « " + item + " » sans valeur");
            if (item.substr(0, eq) == "campagne") {
                if (has_campaign) throw bad("campagne= est donné deux fois");
                bool ok = false;
                a.campaign = percent_decode(item.substr(eq + 1), ok);
                if (!ok) throw bad("la référence de campagne contient un %-codage invalide");
                has_campaign = true;
            } else {
                kept += (kept.empty() ? "" : "&") + item;
            }
        }
    }
    if (has_campaign && a.campaign.empty()) throw bad("campagne= est vide");
    if (a.campaign.size() > 63) throw bad("la référence de campagne dépasse 63 octets (limite des noms PostgreSQL)");
    for (unsigned char ch : a.campaign)
        if (ch < 0x20 || ch == 0x7f) throw bad("la référence de campagne contient un caractère de contrôle");
    if (a.campaign.rfind("pg_", 0) == 0)
        throw bad("une référence de campagne ne peut commencer par « pg_ » (réservé par PostgreSQL)");
    a.uri_without_campaign = base + (kept.empty() ? "" : "?" + kept);
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(a.uri_without_campaign.c_str(), &err);
    if (!opts) {
        std::string msg = err ? err : "illisible";
        PQfreemem(err);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == '.')) msg.pop_back();
        // libpq's words said in French (trial 15c F10), never a password they quote (trial 22 M1).
        throw bad(pg::without_secrets(pg::french_connection_error(msg), uri));
    }
    std::string user, host, port, dbname;
    for (PQconninfoOption* o = opts; o->keyword; ++o) {
        if (!o->val) continue;
        std::string k = o->keyword;
        if (k == "user") user = o->val;
        if (k == "host") host = o->val;
        if (k == "port") port = o->val;
        if (k == "dbname") dbname = o->val;
    }
    PQconninfoFree(opts);
    if (dbname.empty()) throw bad("il manque le nom de la base après l'hôte");
    // libpq reads the port only when connecting: a typo is caught here, before any attempt.
    if (port.find_first_not_of("0123456789,") != std::string::npos) throw bad("le port « " + port + " » n'est pas un nombre");
    for (std::size_t start = 0; start <= port.size();) {   // and each within 1..65535 (trial 15c F10: 99999)
        std::size_t end = std::min(port.find(',', start), port.size());
        std::string one = port.substr(start, end - start);
        if (!one.empty() && (one.size() > 5 || std::stoi(one) < 1 || std::stoi(one) > 65535))
            throw bad("le port « " + one + " » n'est pas un numéro de port (de 1 à 65535)");
        start = end + 1;
    }
    // An IPv6 address keeps its brackets, else « ::1:5544 » is ambiguous (trial 15c F10).
    std::string hosts;
    for (std::size_t start = 0; start <= host.size();) {
        std::size_t end = std::min(host.find(',', start), host.size());
        std::string one = host.substr(start, end - start);
        hosts += (start == 0 ? "" : ",") + (one.find(':') != std::string::npos && one[0] != '/' ? "[" + one + "]" : one);
        start = end + 1;
    }
    host = hosts;
    a.shown = "postgresql://" + (user.empty() ? "" : user + "@") + host + (port.empty() ? "" : ":" + port) + "/" + dbname +
              (has_campaign ? "?campagne=" + a.campaign : "");
    return a;
}

}  // namespace cotation
