// cli: the command line as Lectern's four programs (lectern, lectern-lint, lectern-export,
// lectern-progress) share it, on CLI11 (Debian's libcli11-dev, header-only). One place decides
// what --help, --version and a mistake look like and which exit status a mistake gets, so the
// programs cannot drift apart. Includes nothing of Lectern's but os/.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace lectern::cli {

// Exit status of a command-line mistake in every program (an unknown option, a missing or bad
// value); 0 and 1 are the programs' own.
constexpr int kBadUsage = 2;
// What Parse returns when the program should go on.
constexpr int kGoOn = -1;

class UsageFormatter;

// A CLI11 App set up the Lectern way:
//   -h, --help   the generated help on standard output, exit 0;
//   --version    "NAME VERSION" on standard output, exit 0;
//   a mistake    "NAME: what went wrong", the usage line and "Try 'NAME --help'." on standard
//                error, exit kBadUsage.
// Output is collected in Out()/Err() and written by Print(), so tests can read it.
class CommandLine {
public:
    // `usage` replaces CLI11's generated usage line when not empty, e.g.
    // "lectern-lint [--stats] [--format text|json] [--strict] PATH".
    CommandLine(std::string name, std::string description, std::string usage = "", std::string footer = "");

    CLI::App& App() { return m_app; }
    const std::string& Name() const { return m_name; }

    // Parses the arguments after the program name. Returns kGoOn, or the exit status (0 after
    // --help or --version, kBadUsage after a mistake).
    int Parse(const std::vector<std::string>& args);
    // The same for main's arguments (argv[0] is the program).
    int Parse(int argc, char** argv);
    // Records a mistake the program found in a value after parsing; returns kBadUsage.
    int Fail(const std::string& message);

    // The help --help prints: description, usage, every option (a subcommand's too), footer.
    std::string Help() const;
    const std::string& Out() const { return m_out; }
    const std::string& Err() const { return m_err; }
    // Writes Out() to standard output and Err() to standard error, and clears them.
    void Print();

private:
    std::string m_name;
    CLI::App m_app;
    std::shared_ptr<UsageFormatter> m_formatter;
    std::string m_out, m_err;
};

}  // namespace lectern::cli
