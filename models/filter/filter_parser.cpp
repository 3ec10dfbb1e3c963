// Tokenizer and recursive-descent parser of the filter language:
//   expr := or;  or := and (OR and)*;  and := unary ((AND)? unary)*;
//   unary := (NOT | '-' | '!') unary | primary;  primary := '(' expr ')' | term | word
// NOT binds tighter than AND, AND (also implicit, by juxtaposition) tighter than OR.
#include "models/filter/filter_ast.h"

#include "models/cadf/event.h"
#include "models/filter/filter_values.h"
#include "models/inventory/catalogue.h"

#include <QCoreApplication>

#include <algorithm>
#include <set>

namespace cadf::filter {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("filter", text);
}

struct Token {
    enum class Kind { End, LParen, RParen, And, Or, Not, Term, Word };
    Kind kind = Kind::End;
    int pos = 0;
    int len = 0;
    QString text; // as written
    // Term: field op value. Word: value only.
    Field field = Field::Initiator;
    QString op;
    int opPos = 0;
    Pattern value;
    QString plain; // value without quotes and escapes, stars kept
    int valuePos = 0;
    int valueLen = 0;
};

bool isIdentChar(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_' || c == u'.';
}

bool endsWord(QChar c) {
    return c.isSpace() || c == u'(' || c == u')';
}

class Lexer {
public:
    explicit Lexer(const QString& text)
        : m_s(text) {}

    bool run(std::vector<Token>& out, FilterError& error) {
        const int n = int(m_s.size());
        int i = 0;
        for (;;) {
            while (i < n && m_s[i].isSpace())
                ++i;
            Token t;
            t.pos = i;
            if (i >= n) {
                out.push_back(t);
                return true;
            }
            const QChar c = m_s[i];
            const QChar next = i + 1 < n ? m_s[i + 1] : QChar();
            if (c == u'(' || c == u')') {
                t.kind = c == u'(' ? Token::Kind::LParen : Token::Kind::RParen;
                t.len = 1;
            } else if ((c == u'&' && next == u'&') || (c == u'|' && next == u'|')) {
                t.kind = c == u'&' ? Token::Kind::And : Token::Kind::Or;
                t.len = 2;
            } else if (c == u'-' || c == u'!') {
                t.kind = Token::Kind::Not;
                t.len = 1;
            } else if (c == u'"') {
                t.kind = Token::Kind::Word;
                int end = 0;
                if (!readValue(i, true, t, end, error))
                    return false;
                t.len = end - i;
            } else {
                int j = i;
                while (j < n && isIdentChar(m_s[j]))
                    ++j;
                const bool opFollows =
                    j > i && j < n &&
                    (m_s[j] == u':' || m_s[j] == u'=' || m_s[j] == u'<' || m_s[j] == u'>' ||
                     (m_s[j] == u'!' && j + 1 < n && m_s[j + 1] == u'='));
                int end = 0;
                if (opFollows) {
                    if (!readTerm(i, j, t, end, error))
                        return false;
                } else {
                    t.kind = Token::Kind::Word;
                    if (!readValue(i, false, t, end, error))
                        return false;
                    const QString word = m_s.mid(i, end - i);
                    if (word.compare(QLatin1String("AND"), Qt::CaseInsensitive) == 0)
                        t.kind = Token::Kind::And;
                    else if (word.compare(QLatin1String("OR"), Qt::CaseInsensitive) == 0)
                        t.kind = Token::Kind::Or;
                    else if (word.compare(QLatin1String("NOT"), Qt::CaseInsensitive) == 0)
                        t.kind = Token::Kind::Not;
                }
                t.len = end - i;
            }
            t.text = m_s.mid(t.pos, t.len);
            i = t.pos + t.len;
            out.push_back(std::move(t));
        }
    }

private:
    bool readTerm(int start, int identEnd, Token& t, int& end, FilterError& error) {
        const int n = int(m_s.size());
        t.kind = Token::Kind::Term;
        const QString name = m_s.mid(start, identEnd - start);
        const auto field = fieldFromName(name);
        if (!field) {
            const QString best = closestMatch(name, fieldNames());
            error = {start, identEnd - start,
                     best.isEmpty()
                         ? tr("unknown field '%1' (put text with ':' in quotes to search for it)")
                               .arg(name)
                         : tr("unknown field '%1' — did you mean '%2'?").arg(name, best)};
            return false;
        }
        t.field = *field;
        int j = identEnd;
        t.opPos = j;
        const QChar c = m_s[j];
        const QChar next = j + 1 < n ? m_s[j + 1] : QChar();
        if (c == u':') {
            t.op = QStringLiteral(":");
        } else if (c == u'=') {
            t.op = next == u'=' ? QStringLiteral("==") : QStringLiteral("=");
        } else if (c == u'!') {
            t.op = QStringLiteral("!=");
        } else {
            t.op = next == u'=' ? QString(c) + u'=' : QString(c);
        }
        j += int(t.op.size());
        if (j >= n || endsWord(m_s[j])) {
            error = {start, j - start,
                     tr("missing value after '%1'").arg(m_s.mid(start, j - start))};
            return false;
        }
        return readValue(j, m_s[j] == u'"', t, end, error);
    }

    // Reads a quoted or unquoted value at `start`; '\' escapes '\', '"' and '*' (and in an
    // unquoted value also parentheses and space); any other '\' is kept as it is.
    bool readValue(int start, bool quoted, Token& t, int& end, FilterError& error) {
        const int n = int(m_s.size());
        QStringList parts{QString()};
        QString plain;
        int k = quoted ? start + 1 : start;
        bool closed = false;
        while (k < n) {
            const QChar c = m_s[k];
            if (quoted && c == u'"') {
                closed = true;
                ++k;
                break;
            }
            if (!quoted && endsWord(c))
                break;
            if (c == u'\\' && k + 1 < n) {
                const QChar e = m_s[k + 1];
                if (e == u'\\' || e == u'"' || e == u'*' ||
                    (!quoted && (e == u'(' || e == u')' || e == u' '))) {
                    parts.back() += e;
                    plain += e;
                    k += 2;
                    continue;
                }
            }
            if (c == u'*')
                parts.append(QString());
            else
                parts.back() += c;
            plain += c;
            ++k;
        }
        if (quoted && !closed) {
            error = {start, n - start, tr("missing closing quote")};
            return false;
        }
        if (quoted && k < n && !endsWord(m_s[k])) {
            error = {k, 1, tr("expected a space after the closing quote")};
            return false;
        }
        t.value.parts = parts;
        t.plain = plain;
        t.valuePos = start;
        t.valueLen = k - start;
        end = k;
        return true;
    }

    const QString& m_s;
};

class Parser {
public:
    Parser(std::vector<Token> tokens, const CompileOptions& options)
        : m_tokens(std::move(tokens))
        , m_options(options)
        , m_catalogue(options.catalogue ? *options.catalogue
                                        : cadf::inventory::Catalogue::builtIn())
        , m_now(options.nowUs != 0 ? options.nowUs : currentTimeUs()) {}

    bool run(ParseResult& result) {
        if (peek().kind == Token::Kind::End)
            return true;
        Node root;
        if (!parseOr(root))
            return fail(result);
        if (peek().kind != Token::Kind::End) {
            setError(peek(), tr("unexpected ')' (no '(' before it)"));
            return fail(result);
        }
        result.root = std::move(root);
        result.terms = m_terms;
        return true;
    }

private:
    const Token& peek() const { return m_tokens[m_at]; }
    const Token& take() { return m_tokens[m_at++]; }

    bool fail(ParseResult& result) {
        result.error = m_error;
        return false;
    }
    void setError(const Token& t, const QString& message) {
        m_error = {t.pos, std::max(1, t.len), message};
    }
    void setError(int pos, int len, const QString& message) {
        m_error = {pos, std::max(1, len), message};
    }

    bool startsUnary(Token::Kind k) const {
        return k == Token::Kind::Not || k == Token::Kind::Term || k == Token::Kind::Word ||
               k == Token::Kind::LParen;
    }

    // After a binary or prefix operator, something must follow.
    bool requireOperand(const Token& op) {
        if (startsUnary(peek().kind))
            return true;
        setError(op, tr("expected a filter term after '%1'").arg(op.text));
        return false;
    }

    static void append(Node& into, Node::Kind kind, Node&& right) {
        if (into.kind != kind) {
            Node combined;
            combined.kind = kind;
            combined.position = into.position;
            combined.children.push_back(std::move(into));
            into = std::move(combined);
        }
        const int end = right.position + right.length;
        if (right.kind == kind) {
            for (Node& child : right.children)
                into.children.push_back(std::move(child));
        } else {
            into.children.push_back(std::move(right));
        }
        into.length = end - into.position;
    }

    bool parseOr(Node& out) {
        if (!parseAnd(out))
            return false;
        while (peek().kind == Token::Kind::Or) {
            const Token& op = take();
            if (!requireOperand(op))
                return false;
            Node right;
            if (!parseAnd(right))
                return false;
            append(out, Node::Kind::Or, std::move(right));
        }
        return true;
    }

    bool parseAnd(Node& out) {
        if (!parseUnary(out))
            return false;
        for (;;) {
            if (peek().kind == Token::Kind::And) {
                const Token& op = take();
                if (!requireOperand(op))
                    return false;
            } else if (!startsUnary(peek().kind)) {
                return true;
            }
            Node right;
            if (!parseUnary(right))
                return false;
            append(out, Node::Kind::And, std::move(right));
        }
    }

    bool parseUnary(Node& out) {
        if (peek().kind != Token::Kind::Not)
            return parsePrimary(out);
        const Token& op = take();
        if (!requireOperand(op))
            return false;
        ++m_negations;
        Node child;
        const bool ok = parseUnary(child);
        --m_negations;
        if (!ok)
            return false;
        out = Node{};
        out.kind = Node::Kind::Not;
        out.position = op.pos;
        out.length = child.position + child.length - op.pos;
        out.children.push_back(std::move(child));
        return true;
    }

    bool parsePrimary(Node& out) {
        const Token& t = peek();
        switch (t.kind) {
        case Token::Kind::LParen: {
            const Token& open = take();
            if (peek().kind == Token::Kind::RParen) {
                setError(open.pos, peek().pos + 1 - open.pos, tr("empty parentheses"));
                return false;
            }
            if (peek().kind == Token::Kind::End) {
                setError(open, tr("missing ')' for this '('"));
                return false;
            }
            if (!parseOr(out))
                return false;
            if (peek().kind != Token::Kind::RParen) {
                setError(open, tr("missing ')' for this '('"));
                return false;
            }
            const Token& close = take();
            out.position = open.pos;
            out.length = close.pos + 1 - open.pos;
            return true;
        }
        case Token::Kind::Term:
        case Token::Kind::Word:
            take();
            return makeTerm(t, out);
        case Token::Kind::And:
        case Token::Kind::Or:
            setError(t, tr("expected a filter term before '%1'").arg(t.text));
            return false;
        case Token::Kind::RParen:
            setError(t, tr("unexpected ')' (no '(' before it)"));
            return false;
        case Token::Kind::End:
        case Token::Kind::Not:
            break;
        }
        // Unreachable through the grammar (operators check their operand); kept inside the text.
        setError(std::max(0, t.pos - 1), 1, tr("expected a filter term"));
        return false;
    }

    bool makeTerm(const Token& t, Node& out) {
        out = Node{};
        out.kind = Node::Kind::Term;
        out.position = t.pos;
        out.length = t.len;
        FilterTerm info;
        info.position = t.pos;
        info.length = t.len;
        info.value = t.plain;
        info.negated = m_negations % 2 == 1;
        if (t.kind == Token::Kind::Word) {
            if (std::all_of(t.value.parts.begin(), t.value.parts.end(),
                            [](const QString& p) { return p.isEmpty(); })) {
                setError(t, tr("empty search text"));
                return false;
            }
            out.term.kind = TermKind::Search;
            out.term.pattern.parts =
                QStringList{QString()} + t.value.parts + QStringList{QString()};
            out.term.searchRaw = m_options.searchRawText;
            m_terms.append(info);
            return true;
        }
        info.field = QLatin1String(fieldName(t.field));
        info.op =
            t.op == QLatin1String("=") || t.op == QLatin1String("==") ? QStringLiteral(":") : t.op;
        info.negated = info.negated != (t.op == QLatin1String("!="));
        if (!resolve(t, out.term))
            return false;
        m_terms.append(info);
        if (t.op == QLatin1String("!=")) {
            Node negation;
            negation.kind = Node::Kind::Not;
            negation.position = t.pos;
            negation.length = t.len;
            negation.children.push_back(std::move(out));
            out = std::move(negation);
        }
        return true;
    }

    bool isComparison(const QString& op) const {
        return op.startsWith(u'<') || op.startsWith(u'>');
    }

    bool resolve(const Token& t, Term& term);
    bool resolveTime(const Token& t, Term& term);
    bool resolveCode(const Token& t, Term& term);
    bool resolveNames(const Token& t, Term& term);

    std::vector<Token> m_tokens;
    std::size_t m_at = 0;
    const CompileOptions& m_options;
    const cadf::inventory::Catalogue& m_catalogue;
    std::int64_t m_now = 0;
    int m_negations = 0;
    FilterError m_error;
    QList<FilterTerm> m_terms;
};

bool Parser::resolve(const Token& t, Term& term) {
    term.field = t.field;
    term.pattern = t.value;
    if (isComparison(t.op) && t.field != Field::Code && t.field != Field::Time) {
        setError(t.opPos, int(t.op.size()), tr("'%1' works only with code and time").arg(t.op));
        return false;
    }
    switch (t.field) {
    case Field::Time:
        return resolveTime(t, term);
    case Field::Code:
        return resolveCode(t, term);
    case Field::Service:
    case Field::Category:
    case Field::Endpoint:
    case Field::Outcome:
        return resolveNames(t, term);
    case Field::Address:
        if (t.plain.contains(u'/') && !t.value.isWildcard()) {
            const auto cidr = canonicalCidr(t.plain);
            if (!cidr) {
                setError(
                    t.valuePos, t.valueLen,
                    tr("invalid network '%1' (use e.g. 10.0.0.0/8 or 2001:db8::/32)").arg(t.plain));
                return false;
            }
            term.kind = TermKind::Cidr;
            term.cidr = *cidr;
            return true;
        }
        break;
    default:
        break;
    }
    term.kind = TermKind::Text;
    return true;
}

bool Parser::resolveTime(const Token& t, Term& term) {
    term.kind = TermKind::Range;
    const qsizetype dots = t.plain.indexOf(QLatin1String(".."));
    auto span = [&](QStringView text, int pos, int len) -> std::optional<TimeSpan> {
        auto parsed = t.value.isWildcard()
                          ? std::nullopt
                          : parseTimeValue(text, m_now, m_options.displayUtcOffsetSeconds,
                                           &m_options.displayTimeZone);
        if (!parsed)
            setError(pos, len,
                     tr("invalid time '%1' (use e.g. 2023-10-18, 2023-10-18T14:00, "
                        "2023-10-18T14:00:00+02:00 or -15m)")
                         .arg(text.toString()));
        return parsed;
    };
    if (dots >= 0) {
        if (isComparison(t.op)) {
            setError(t.valuePos, t.valueLen, tr("a range needs ':' (time:A..B)"));
            return false;
        }
        const auto from = span(QStringView(t.plain).left(dots), t.valuePos, t.valueLen);
        if (!from)
            return false;
        const auto to = span(QStringView(t.plain).mid(dots + 2), t.valuePos, t.valueLen);
        if (!to)
            return false;
        if (from->start >= to->end) {
            setError(t.valuePos, t.valueLen,
                     tr("empty range '%1' (the start is after the end)").arg(t.plain));
            return false;
        }
        term.lo = from->start;
        term.hi = to->end;
        return true;
    }
    const auto at = span(t.plain, t.valuePos, t.valueLen);
    if (!at)
        return false;
    const bool point = at->end == at->start + 1; // relative times are instants
    if (t.op == QLatin1String("<"))
        term.hi = at->start;
    else if (t.op == QLatin1String("<="))
        term.hi = at->end;
    else if (t.op == QLatin1String(">"))
        term.lo = at->end;
    else if (t.op == QLatin1String(">=") || point)
        term.lo = at->start; // time:-15m means "since 15 minutes ago"
    else {
        term.lo = at->start;
        term.hi = at->end;
    }
    return true;
}

bool Parser::resolveCode(const Token& t, Term& term) {
    auto number = [](QStringView s, std::int64_t& out) {
        bool ok = false;
        out = s.toLongLong(&ok);
        return ok && !s.isEmpty() && s[0] != u'+' && s[0] != u' ';
    };
    const auto invalid = [&] {
        setError(t.valuePos, t.valueLen,
                 tr("invalid code '%1' (use e.g. 401, 4xx or 400..499)").arg(t.plain));
        return false;
    };
    term.kind = TermKind::Range;
    std::int64_t n = 0;
    const qsizetype dots = t.plain.indexOf(QLatin1String(".."));
    if (isComparison(t.op)) {
        if (!number(t.plain, n))
            return invalid();
        if (t.op == QLatin1String("<"))
            term.hi = n;
        else if (t.op == QLatin1String("<="))
            term.hi = n + 1;
        else if (t.op == QLatin1String(">"))
            term.lo = n + 1;
        else
            term.lo = n;
        return true;
    }
    if (dots >= 0) {
        std::int64_t from = 0, to = 0;
        if (!number(QStringView(t.plain).left(dots), from) ||
            !number(QStringView(t.plain).mid(dots + 2), to))
            return invalid();
        if (from > to) {
            setError(t.valuePos, t.valueLen,
                     tr("empty range '%1' (the start is after the end)").arg(t.plain));
            return false;
        }
        term.lo = from;
        term.hi = to + 1;
        return true;
    }
    const QString& v = t.plain;
    if (v.size() == 3 && v[0].isDigit() &&
        v.mid(1).compare(QLatin1String("xx"), Qt::CaseInsensitive) == 0) {
        term.lo = (v[0].unicode() - u'0') * 100;
        term.hi = *term.lo + 100;
        return true;
    }
    if (!t.value.isWildcard() && number(v, n)) {
        term.lo = n;
        term.hi = n + 1;
        return true;
    }
    // Anything else matches the code's text: non-numeric reason codes, wildcards (code:40*).
    term.kind = TermKind::Text;
    return true;
}

bool Parser::resolveNames(const Token& t, Term& term) {
    // Candidate names and the ids each stands for.
    QStringList names;
    std::vector<std::vector<int>> idsOf;
    const QString unclassified = QStringLiteral("Unclassified");
    QString what;
    switch (t.field) {
    case Field::Service:
        what = tr("service");
        for (const auto& s : m_catalogue.services()) {
            names << QString::fromStdString(s.name);
            idsOf.push_back({s.serviceId});
        }
        names << unclassified;
        idsOf.push_back({0});
        break;
    case Field::Category:
        what = tr("category");
        for (std::size_t c = 0; c < m_catalogue.categories().size(); ++c) {
            names << QString::fromStdString(m_catalogue.categories()[c]);
            std::vector<int> ids;
            for (const auto& s : m_catalogue.services()) {
                if (s.categoryId == int(c) + 1)
                    ids.push_back(s.serviceId);
            }
            idsOf.push_back(ids);
        }
        names << unclassified;
        idsOf.push_back({0});
        break;
    case Field::Endpoint:
        what = tr("endpoint");
        if (t.value.isEmptyLiteral()) {
            term.kind = TermKind::Ids;
            term.ids = {0};
            return true;
        }
        for (const auto& row : m_catalogue.rows()) {
            names << QString::fromStdString(row.description);
            idsOf.push_back({row.id});
        }
        break;
    default: // Outcome: the folded names; any other text is the outcome as received
        for (int o = 0; o <= int(cadf::Outcome::Pending); ++o) {
            names << QLatin1String(cadf::outcomeName(cadf::Outcome(o)));
            idsOf.push_back({o});
        }
        break;
    }
    std::set<int> ids;
    bool matched = false;
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (patternMatches(t.value, names[i])) {
            matched = true;
            ids.insert(idsOf[std::size_t(i)].begin(), idsOf[std::size_t(i)].end());
        }
    }
    if (t.field == Field::Outcome) {
        term.kind = matched ? TermKind::Outcomes : TermKind::Text;
        term.ids.assign(ids.begin(), ids.end());
        return true;
    }
    if (!matched && !t.value.isWildcard()) {
        const QString best = closestMatch(t.plain, names);
        setError(t.valuePos, t.valueLen,
                 best.isEmpty()
                     ? tr("unknown %1 '%2'").arg(what, t.plain)
                     : tr("unknown %1 '%2' — did you mean '%3'?").arg(what, t.plain, best));
        return false;
    }
    term.kind = TermKind::Ids;
    term.ids.assign(ids.begin(), ids.end());
    return true;
}

} // namespace

ParseResult parse(const QString& text, const CompileOptions& options) {
    ParseResult result;
    std::vector<Token> tokens;
    if (!Lexer(text).run(tokens, result.error))
        return result;
    Parser parser(std::move(tokens), options);
    result.ok = parser.run(result);
    return result;
}

} // namespace cadf::filter
