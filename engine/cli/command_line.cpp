#include "cli/command_line.h"

#include <cstdio>
#include <memory>

namespace lectern::cli {

// CLI11's formatter with the program's own usage line (CLI11 would print "NAME [OPTIONS]
// SUBCOMMAND", which does not say that lectern-lint takes a PATH or what --format takes).
// Also wraps descriptions to fit 80 columns (CLI11 2.1 does not wrap).
class UsageFormatter : public CLI::Formatter {
public:
    static constexpr size_t kNameColumn = 24, kWidth = 78;

    explicit UsageFormatter(std::string usage) : m_usage(std::move(usage)) { column_width(kNameColumn); }

    std::string make_usage(const CLI::App* app, std::string name) const override {
        if (m_usage.empty()) return CLI::Formatter::make_usage(app, std::move(name));
        return "Usage: " + m_usage + "\n";
    }
    std::string make_option_desc(const CLI::Option* opt) const override {
        return Wrap(opt->get_description(), kWidth - kNameColumn);
    }

    // Breaks `text` at spaces into lines of at most `width` characters (counting UTF-8 bytes
    // that start a character); a word longer than that stays whole.
    static std::string Wrap(const std::string& text, size_t width) {
        std::string out, word;
        size_t line = 0;
        auto chars = [](const std::string& s) {
            size_t n = 0;
            for (unsigned char c : s) n += (c & 0xC0) != 0x80;
            return n;
        };
        auto flush = [&] {
            if (word.empty()) return;
            const size_t n = chars(word);
            if (line > 0 && line + 1 + n > width) {
                out += '\n';
                line = 0;
            } else if (line > 0) {
                out += ' ';
                ++line;
            }
            out += word;
            line += n;
            word.clear();
        };
        for (char c : text) {
            if (c == ' ') {
                flush();
            } else if (c == '\n') {
                flush();
                out += '\n';
                line = 0;
            } else {
                word += c;
            }
        }
        flush();
        return out;
    }

private:
    std::string m_usage;
};

CommandLine::CommandLine(std::string name, std::string description, std::string usage, std::string footer)
    : m_name(std::move(name)), m_app(std::move(description), m_name) {
    m_formatter = std::make_shared<UsageFormatter>(std::move(usage));
    m_app.formatter(m_formatter);
    m_app.set_help_flag("-h,--help", "show this help and exit");
    m_app.set_version_flag("--version", m_name + " " + LECTERN_VERSION, "show the version and exit");
    if (!footer.empty()) m_app.footer(std::move(footer));
    // An option given twice keeps its last value, as the programs always did.
    m_app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

int CommandLine::Parse(const std::vector<std::string>& args) {
    // CLI11 takes the arguments last to first.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        m_app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        m_out += Help();
        return 0;
    } catch (const CLI::CallForVersion& version) {
        m_out += std::string(version.what()) + "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        return Fail(e.what());
    }
    return kGoOn;
}

std::string CommandLine::Help() const {
    std::string help = m_app.help("", CLI::AppFormatMode::All);
    if (!help.empty() && help.back() != '\n') help += '\n';  // CLI11 ends on the footer's last line
    return help;
}

int CommandLine::Parse(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    return Parse(args);
}

int CommandLine::Fail(const std::string& message) {
    // The usage line and a pointer to --help, not the whole help: the mistake stays on screen.
    std::string usage = m_formatter->make_usage(&m_app, m_name);
    m_err += m_name + ": " + message + "\n" + usage + "Try '" + m_name + " --help' for more.\n";
    return kBadUsage;
}

void CommandLine::Print() {
    std::fputs(m_out.c_str(), stdout);
    std::fputs(m_err.c_str(), stderr);
    std::fflush(stdout);
    m_out.clear();
    m_err.clear();
}

}  // namespace lectern::cli
