#pragma once
// What the command line prints goes through fr::terminal_safe (trial 13g G3:
// an ESC or a BEL taken from a file name or an argument reached the terminal
// raw). One guard swaps the buffers of std::cout and std::cerr for the whole
// run: no message, whichever code wrote it, can carry a control character.
#include <ostream>
#include <streambuf>
#include <string>

namespace cotation::io {

// Holds what is written until a line ends (or the stream is flushed), then
// passes it to `target` through fr::terminal_safe. An incomplete UTF-8
// sequence at a flush waits for its end.
class TerminalSafeBuffer : public std::streambuf {
public:
    explicit TerminalSafeBuffer(std::streambuf* target) : target_(target) {}
    ~TerminalSafeBuffer() override;

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

private:
    void pass(bool all);
    std::streambuf* target_;
    std::string pending_;
};

// For the life of the guard, `stream` writes through a TerminalSafeBuffer.
class TerminalSafeStream {
public:
    explicit TerminalSafeStream(std::ostream& stream);
    ~TerminalSafeStream();
    TerminalSafeStream(const TerminalSafeStream&) = delete;
    TerminalSafeStream& operator=(const TerminalSafeStream&) = delete;

private:
    std::ostream& stream_;
    TerminalSafeBuffer buffer_;
    std::streambuf* old_;
};

}  // namespace cotation::io
