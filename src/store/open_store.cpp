#include "open_store.h"

#include <cctype>
#include <filesystem>

#include "core/error.h"
#include "core/french.h"
#ifdef COTATION_POSTGRESQL
#include <libpq-fe.h>

#include "pg_store.h"
#endif

namespace cotation {

bool names_server_campaign(const std::string& location) {
    // « postgresql:/hôte/… » (one slash) too: refused as a malformed address, not looked for as a file (trial 22 m6).
    return location.rfind("postgresql:", 0) == 0 || location.rfind("postgres:", 0) == 0;
}

namespace {
#ifndef COTATION_POSTGRESQL
[[noreturn]] void no_server(const std::string& location) {
    throw InputError("« " + location.substr(0, location.find('?')) +
                     " » désigne une campagne partagée sur un serveur PostgreSQL, mais cette construction de Cotation "
                     "n'en lit pas (option COTATION_POSTGRESQL).");
}
#endif
}  // namespace

std::unique_ptr<CampaignStore> open_campaign_store(const std::string& location) {
#ifdef COTATION_POSTGRESQL
    if (names_server_campaign(location)) return open_pg_store(location);
#else
    if (names_server_campaign(location)) no_server(location);
#endif
    return open_sqlite_store(location);
}

std::unique_ptr<CampaignStore> open_campaign_store_read_only(const std::string& location) {
#ifdef COTATION_POSTGRESQL
    if (names_server_campaign(location)) return open_pg_store(location);
#else
    if (names_server_campaign(location)) no_server(location);
#endif
    return open_sqlite_store_read_only(location);
}

std::unique_ptr<CampaignStore> create_campaign_store(const std::string& location, const Campaign& campaign,
                                                     const PinnedGrid& grid, const std::string& actor,
                                                     const CreationRest& rest) {
#ifdef COTATION_POSTGRESQL
    if (names_server_campaign(location)) return create_pg_store(location, campaign, grid, actor, rest);
#else
    if (names_server_campaign(location)) no_server(location);
#endif
    return create_sqlite_store(location, campaign, grid, actor, rest);
}

namespace {
std::string encoded(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}
}  // namespace

std::string server_campaign_uri(const ServerCampaign& in) {
    std::string host = trimmed(in.host), port = trimmed(in.port), base = trimmed(in.base), ref = trimmed(in.campaign),
                user = trimmed(in.user);
    auto missing = [](const char* field) {
        return InputError(std::string("Campagne partagée : le champ « ") + field + " » est obligatoire.");
    };
    if (host.empty()) throw missing("Serveur");
    if (base.empty()) throw missing("Base");
    if (ref.empty()) throw missing("Campagne");
    if (!port.empty() && (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) == 0 ||
                          std::stoi(port) > 65535))
        throw InputError("Campagne partagée : le port « " + port + " » n'est pas un numéro de port (1 à 65535).");
    // An IPv6 address is written between brackets in a URI.
    std::string h = host.find(':') == std::string::npos ? encoded(host) : host.front() == '[' ? host : "[" + host + "]";
    return "postgresql://" + (user.empty() ? "" : encoded(user) + "@") + h + (port.empty() ? "" : ":" + port) + "/" +
           encoded(base) + "?campagne=" + encoded(ref);
}

std::string default_campaign_reference(const std::string& location) {
    if (!names_server_campaign(location)) return std::filesystem::path(location).stem().string();
#ifdef COTATION_POSTGRESQL
    // Trial 15g G6: the file's rule gave « cd17?campagne=RÉF » for the
    // address docs/serveur.md has a coordinator type.
    return parse_pg_uri(location).campaign;
#else
    return "";
#endif
}

std::string campaign_for_command(const std::string& location) {
    if (!names_server_campaign(location)) return std::filesystem::path(location).filename().string();
#ifdef COTATION_POSTGRESQL
    try {
        return fr::shell_word(parse_pg_uri(location).shown);
    } catch (const Error&) {
    }
#endif
    return "'postgresql://…'";
}

std::string campaign_location_label(const std::string& location) {
    if (!names_server_campaign(location)) return std::filesystem::path(location).filename().string();
#ifdef COTATION_POSTGRESQL
    try {
        PgAddress a = parse_pg_uri(location);
        // shown: postgresql://[user@]host[:port]/base?campagne=REF
        std::string server = a.shown.substr(a.shown.find("://") + 3);
        server = server.substr(0, server.find('?'));
        if (auto at = server.find('@'); at != std::string::npos) server = server.substr(at + 1);
        return a.campaign + " — partagée sur " + server;
    } catch (const Error&) {
    }
#endif
    return "campagne partagée";
}

std::string campaign_window_title(const std::string& reference, const std::string& location) {
    std::string label = campaign_location_label(location);
#ifdef COTATION_POSTGRESQL
    if (names_server_campaign(location)) {
        try {
            std::string name = parse_pg_uri(location).campaign;
            std::string where = label.substr(label.find(" — ") + 5);   // « partagée sur … »
            return "Cotation — " + reference + " — " + where + (name == reference ? "" : " (campagne « " + name + " »)");
        } catch (const Error&) {
        }
    }
#endif
    return "Cotation — " + reference + " — " + label;
}

std::optional<ServerCampaign> server_campaign_fields(const std::string& location) {
#ifdef COTATION_POSTGRESQL
    if (!names_server_campaign(location)) return std::nullopt;
    try {
        PgAddress a = parse_pg_uri(location);
        char* err = nullptr;
        PQconninfoOption* opts = PQconninfoParse(a.uri_without_campaign.c_str(), &err);
        if (!opts) {
            PQfreemem(err);
            return std::nullopt;
        }
        ServerCampaign s;
        for (PQconninfoOption* o = opts; o->keyword; ++o) {
            if (!o->val) continue;
            std::string k = o->keyword;
            if (k == "host") s.host = o->val;
            if (k == "port") s.port = o->val;
            if (k == "dbname") s.base = o->val;
            if (k == "user") s.user = o->val;
        }
        PQconninfoFree(opts);
        return s;
    } catch (const Error&) {
    }
#else
    (void)location;
#endif
    return std::nullopt;
}

}  // namespace cotation
