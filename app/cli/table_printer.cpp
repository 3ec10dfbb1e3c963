#include "app/cli/table_printer.h"

#include <algorithm>

namespace cadf::cli {

namespace {

std::size_t displayWidth(const std::string& s) {
    // UTF-8 continuation bytes take no column.
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

} // namespace

TablePrinter::TablePrinter(std::vector<std::string> header, std::vector<bool> rightAligned)
    : m_header(std::move(header))
    , m_right(std::move(rightAligned)) {
    m_right.resize(m_header.size(), false);
}

void TablePrinter::addRow(std::vector<std::string> cells) {
    cells.resize(m_header.size());
    m_rows.push_back(std::move(cells));
}

std::string TablePrinter::render() const {
    std::vector<std::size_t> widths(m_header.size());
    for (std::size_t c = 0; c < m_header.size(); ++c) {
        widths[c] = displayWidth(m_header[c]);
        for (const auto& row : m_rows)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - displayWidth(cells[c]);
            const bool last = c + 1 == cells.size();
            if (m_right[c])
                out.append(pad, ' ').append(cells[c]);
            else
                out.append(cells[c]).append(last ? 0 : pad, ' ');
            if (!last)
                out.append("  ");
        }
        return out + "\n";
    };
    std::string out = line(m_header);
    for (const auto& row : m_rows)
        out += line(row);
    return out;
}

std::string csvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"')
            out += "\"\"";
        else
            out.push_back(c);
    }
    return out + "\"";
}

CsvWriter::CsvWriter(std::vector<std::string> header)
    : m_header(std::move(header)) {}

std::string CsvWriter::row(const std::vector<std::string>& cells) {
    std::string out;
    auto append = [&out](const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i)
                out.push_back(',');
            out += csvField(values[i]);
        }
        out += "\r\n";
    };
    if (!m_headerWritten) {
        append(m_header);
        m_headerWritten = true;
    }
    append(cells);
    return out;
}

} // namespace cadf::cli
