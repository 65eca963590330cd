#include "terminal_output.h"

#include "core/french.h"
#include "core/invisible.h"

namespace cotation::io {

TerminalSafeBuffer::~TerminalSafeBuffer() {
    pass(true);
    target_->pubsync();
}

void TerminalSafeBuffer::pass(bool all) {
    std::size_t end = pending_.size();
    if (!all)   // an unfinished UTF-8 sequence at the end waits for the next write
        for (std::size_t back = 1; back <= 3 && back <= end; ++back) {
            const auto b = static_cast<unsigned char>(pending_[end - back]);
            if ((b & 0xC0) == 0x80) continue;
            const std::size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (need > back) end -= back;
            break;
        }
    if (end == 0) return;
    const std::string safe = fr::terminal_safe(std::string_view(pending_).substr(0, end));
    target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
    pending_.erase(0, end);
}

TerminalSafeBuffer::int_type TerminalSafeBuffer::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    pending_ += traits_type::to_char_type(c);
    if (c == '\n') pass(false);
    return c;
}

std::streamsize TerminalSafeBuffer::xsputn(const char* s, std::streamsize n) {
    pending_.append(s, static_cast<std::size_t>(n));
    if (pending_.find('\n') != std::string::npos) pass(false);
    return n;
}

int TerminalSafeBuffer::sync() {
    pass(false);
    return target_->pubsync();
}

TerminalSafeStream::TerminalSafeStream(std::ostream& stream)
    : stream_(stream), buffer_(stream.rdbuf()), old_(stream.rdbuf(&buffer_)) {}

TerminalSafeStream::~TerminalSafeStream() {
    stream_.flush();
    stream_.rdbuf(old_);
}

}  // namespace cotation::io
