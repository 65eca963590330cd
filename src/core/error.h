#pragma once
// Errors whose message is fit to show a French-speaking user as is.
#include <stdexcept>
#include <string>

namespace cotation {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Bad input: names the input and the place (file, line, column, element).
class InputError : public Error {
public:
    using Error::Error;
};

// A grid (or form) that cannot be used.
class GridError : public InputError {
public:
    using InputError::InputError;
};

// The message every line of a bad input file gets: « file », ligne N : what.
[[noreturn]] inline void throw_line_error(const std::string& file, int line, const std::string& what) {
    throw InputError("« " + file + " », ligne " + std::to_string(line) + " : " + what + ".");
}

}  // namespace cotation
