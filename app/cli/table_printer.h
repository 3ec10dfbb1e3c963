#pragma once

#include <string>
#include <vector>

// Plain-text table and CSV output for the CLI.
namespace cadf::cli {

class TablePrinter {
public:
    TablePrinter(std::vector<std::string> header, std::vector<bool> rightAligned);
    void addRow(std::vector<std::string> cells);
    std::size_t rowCount() const { return m_rows.size(); }
    void clearRows() { m_rows.clear(); }
    // Columns padded to their widest cell (counted in code points), two spaces apart.
    std::string render() const;

private:
    std::vector<std::string> m_header;
    std::vector<bool> m_right;
    std::vector<std::vector<std::string>> m_rows;
};

// RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled.
class CsvWriter {
public:
    explicit CsvWriter(std::vector<std::string> header);
    std::string row(const std::vector<std::string>& cells);

private:
    std::vector<std::string> m_header;
    bool m_headerWritten = false;
};

std::string csvField(const std::string& value);

} // namespace cadf::cli
