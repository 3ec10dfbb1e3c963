#pragma once

// Runs the real `cadfscope` binary of this build for the command-line tests.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace clitest {

inline const QString kBinary = QStringLiteral(CADFSCOPE_BINARY_DIR "/app/cadfscope");

struct Run {
    int exitCode = -1; // -1 when the process crashed
    QByteArray out;
    QByteArray err;
};

// Fails the whole test binary, rather than hanging it, when the command does not end.
inline Run cadfscope(const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    p.start(kBinary, args);
    if (!p.waitForFinished(timeoutMs))
        qFatal("cadfscope did not finish: %s", qPrintable(args.join(QLatin1Char(' '))));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

inline QJsonObject jsonOf(const QByteArray& out) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("not a JSON object: %s", out.constData());
    return doc.object();
}

} // namespace clitest
