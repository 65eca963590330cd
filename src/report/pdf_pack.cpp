#include "pdf_pack.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>

#include "core/error.h"

namespace cotation::report {

std::string pack_pdf(const std::string& pdf, const std::string& what) {
    try {
        QPDF in;
        in.setSuppressWarnings(true);
        in.processMemoryFile(what.c_str(), pdf.data(), pdf.size());
        QPDFWriter out(in);
        out.setOutputMemory();
        out.setObjectStreamMode(qpdf_o_generate);
        // libharu's streams are already compressed: copied as they are.
        out.setDecodeLevel(qpdf_dl_none);
        out.setCompressStreams(true);
        // The /ID from an MD5 of the content, not of the clock: reproducible files.
        out.setDeterministicID(true);
        out.write();
        auto buffer = out.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        throw Error("PDF « " + what + " » illisible à la mise en forme finale (" + e.what() + ").");
    }
}

}  // namespace cotation::report
