#include "xml_tree.h"

#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/ContentHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/Locator.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>

#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"

namespace cotation::io {

XmlElement::~XmlElement() {
    std::vector<std::unique_ptr<XmlElement>> pending = std::move(children);
    while (!pending.empty()) {
        std::unique_ptr<XmlElement> e = std::move(pending.back());
        pending.pop_back();
        for (auto& c : e->children) pending.push_back(std::move(c));
        e->children.clear();
    }   // each `e` dies here with no children left
}

std::optional<std::string> XmlElement::attr(const std::string& key) const {
    auto it = attributes.find(key);
    if (it == attributes.end()) return std::nullopt;
    return it->second;
}

std::vector<const XmlElement*> XmlElement::all(const std::string& child) const {
    std::vector<const XmlElement*> out;
    for (const auto& c : children)
        if (c->name == child) out.push_back(c.get());
    return out;
}

const XmlElement* XmlElement::first(const std::string& child) const {
    for (const auto& c : children)
        if (c->name == child) return c.get();
    return nullptr;
}

namespace {
class TreeBuilder : public Poco::XML::ContentHandler {
public:
    std::unique_ptr<XmlElement> root;
    int too_deep_line = 0;   // line of the first element past kMaxXmlDepth (-1: unknown)
    bool opened_any() const { return root != nullptr; }   // an element was opened (closed or not)

    void setDocumentLocator(const Poco::XML::Locator* loc) override { locator_ = loc; }
    void startDocument() override {}
    void endDocument() override {}
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName,
                      const Poco::XML::XMLString& qname, const Poco::XML::Attributes& attrs) override {
        // Past the limit nothing more is built; parse_xml reports the line.
        if (too_deep_line || stack_.size() >= kMaxXmlDepth) {
            if (!too_deep_line) too_deep_line = locator_ ? locator_->getLineNumber() : 0;
            if (!too_deep_line) too_deep_line = -1;
            ++skipped_;
            return;
        }
        auto e = std::make_unique<XmlElement>();
        e->name = localName.empty() ? qname : localName;
        e->line = locator_ ? locator_->getLineNumber() : 0;
        for (int i = 0; i < attrs.getLength(); ++i) {
            std::string n = attrs.getLocalName(i).empty() ? attrs.getQName(i) : attrs.getLocalName(i);
            e->attributes[n] = attrs.getValue(i);
        }
        XmlElement* raw = e.get();
        if (stack_.empty()) root = std::move(e);
        else stack_.back()->children.push_back(std::move(e));
        stack_.push_back(raw);
    }
    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&, const Poco::XML::XMLString&) override {
        if (skipped_) { --skipped_; return; }
        stack_.back()->text = fr::trim(stack_.back()->text);
        stack_.pop_back();
    }
    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (!skipped_ && !stack_.empty()) stack_.back()->text.append(ch + start, static_cast<std::size_t>(length));
    }
    void ignorableWhitespace(const Poco::XML::XMLChar[], int, int) override {}
    void processingInstruction(const Poco::XML::XMLString&, const Poco::XML::XMLString&) override {}
    void startPrefixMapping(const Poco::XML::XMLString&, const Poco::XML::XMLString&) override {}
    void endPrefixMapping(const Poco::XML::XMLString&) override {}
    void skippedEntity(const Poco::XML::XMLString&) override {}

private:
    const Poco::XML::Locator* locator_ = nullptr;
    std::vector<XmlElement*> stack_;
    std::size_t skipped_ = 0;
};
}  // namespace

namespace {
// expat's messages (English) said in French, never shown as they are (issue
// 13.11): the line and column come from the exception.
std::string french_xml_error(const std::string& english) {
    static const std::pair<const char*, const char*> known[] = {
        {"invalid token", "caractère ou balise invalide"},
        {"unclosed token", "balise non fermée"},
        {"partial character", "caractère incomplet (fichier coupé, ou pas en UTF-8)"},
        {"mismatched tag", "balise fermante qui ne correspond pas à la balise ouverte"},
        {"duplicate attribute", "attribut en double"},
        {"junk after document element", "contenu après l'élément racine"},
        {"no element found", "aucun élément (fichier vide ou coupé)"},
        {"undefined entity", "entité non définie"},
        {"recursive entity", "référence d'entité récursive"},
        {"invalid character number", "référence à un caractère invalide"},
        {"binary entity", "référence à une entité binaire"},
        {"external entity", "entité externe refusée"},
        {"not at start of entity", "déclaration XML ailleurs qu'au début du fichier"},
        {"unknown encoding", "encodage inconnu"},
        {"encoding specified in xml declaration is incorrect", "l'encodage déclaré ne correspond pas au contenu"},
        {"unclosed cdata", "section CDATA non fermée"},
        {"xml declaration not well-formed", "déclaration XML mal formée"},
        {"text declaration not well-formed", "déclaration de texte mal formée"},
        {"amplification", "expansion d'entités excessive (refusée)"},
        {"unbound prefix", "préfixe d'espace de noms non déclaré"},
        {"syntax error", "erreur de syntaxe"},
        {"out of memory", "mémoire insuffisante"},
        {"illegal character", "caractère interdit"},
        {"well-formed", "syntaxe XML incorrecte"},
    };
    std::string lower;
    for (char c : english) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [en, fr] : known)
        if (lower.find(en) != std::string::npos) return fr;
    return "syntaxe XML incorrecte";
}
}  // namespace

std::unique_ptr<XmlElement> parse_xml(const std::string& content, const std::string& file_name) {
    TreeBuilder builder;
    Poco::XML::SAXParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setContentHandler(&builder);
    try {
        std::istringstream in(content);
        Poco::XML::InputSource src(in);
        parser.parse(&src);
    } catch (const Poco::XML::SAXParseException& e) {
        std::string why = french_xml_error(e.message());
        // expat says « no element found » too when the file ends inside an
        // element it opened (trial 13H: read « fichier vide » of a grid whose
        // last closing tag was missing).
        if (why == "aucun élément (fichier vide ou coupé)" && builder.opened_any())
            why = "le fichier se termine avant la fermeture d'un élément : balise fermante manquante, ou fichier coupé";
        throw InputError(file_name + ", ligne " + std::to_string(e.getLineNumber()) +
                         (e.getColumnNumber() > 0 ? ", colonne " + std::to_string(e.getColumnNumber() + 1) : std::string()) +
                         " : XML mal formé (" + why + ").");
    } catch (const Poco::Exception& e) {
        throw InputError(file_name + " : XML illisible (" + french_xml_error(e.displayText()) + ").");
    }
    if (builder.too_deep_line)
        throw InputError(file_name + (builder.too_deep_line > 0 ? ", ligne " + std::to_string(builder.too_deep_line) : "") +
                         " : éléments imbriqués sur plus de " + std::to_string(kMaxXmlDepth) +
                         " niveaux ; une grille ou un formulaire n'en a besoin que de quelques-uns.");
    if (!builder.root) throw InputError(file_name + " : le fichier ne contient aucun élément XML.");
    return std::move(builder.root);
}

namespace {
// « 900,0 Mo », « 64 Mo »: the sizes a refusal states.
std::string megabytes(std::uintmax_t bytes) {
    if (bytes % (std::uintmax_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " Mo";
    return fr::fixed(static_cast<double>(bytes) / (1 << 20), 1) + " Mo";
}
}  // namespace

std::string input_size_refusal(const std::string& path, std::uintmax_t bytes, const InputKind& kind) {
    if (bytes <= kind.max_bytes) return "";
    return fr::quote_path(path) + " fait " + megabytes(bytes) + " ; " + kind.what + " en fait au plus " +
           megabytes(kind.max_bytes) + " : ce n'est pas le fichier attendu (ou il faut le découper). Rien n'a été lu.";
}

std::string read_file(const std::string& path, const InputKind& kind) {
    const std::string shown = fr::quote_path(path);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(shown + " est un dossier, pas un fichier : indiquez le fichier à lire.");
    // A device, a pipe or a socket may never end (trial 13e F8: `import /dev/zero` grew to 615 Mo and ran on).
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw InputError(shown + " n'est pas un fichier ordinaire (périphérique, tube ou prise) : indiquez le fichier "
                         "à lire. Rien n'a été lu.");
    // The size before a byte is read (trial 13g G4).
    if (const auto size = std::filesystem::file_size(path, ec); !ec)
        if (std::string why = input_size_refusal(path, size, kind); !why.empty()) throw InputError(why);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        // Why, as the system says it (trial 13H: « Impossible de lire » alone).
        const int err = errno;
        throw InputError("Impossible de lire le fichier " + shown + " : " +
                         (err == ENOENT   ? std::string("il n'existe pas (vérifiez le nom et le dossier)")
                          : err == EACCES ? std::string("ce compte n'a pas le droit de le lire")
                                          : "erreur du système n° " + std::to_string(err)) +
                         ". Rien n'a été lu.");
    }
    std::string out;
    char buffer[1 << 16];
    // The line being read: its number (a CR alone ends one too, as a Macintosh writes) and its length so far.
    std::size_t line = 1, length = 0;
    bool after_cr = false;
    const std::size_t max_line_bytes = kind.max_line_bytes;
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        if (max_line_bytes)
            for (std::size_t i = 0; i < got; ++i) {
                const char c = buffer[i];
                if (c == '\n' || c == '\r') {
                    if (!(c == '\n' && after_cr)) ++line;
                    length = 0;
                } else if (++length > max_line_bytes) {
                    throw InputError(shown + ", ligne " + std::to_string(line) + " : plus de " +
                                     std::to_string(max_line_bytes >> 20) +
                                     " Mo sans fin de ligne ; une ligne d'un tableau de Cotation (dossiers, notes, offre…) "
                                     "en compte quelques milliers de caractères. Rien n'a été lu.");
                }
                after_cr = c == '\r';
            }
        out.append(buffer, got);
        if (out.size() > kind.max_bytes)   // grown since its size was read
            throw InputError(input_size_refusal(path, out.size(), kind));
    }
    return out;
}

}  // namespace cotation::io
