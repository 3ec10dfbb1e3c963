// cadfscope: the GUI by default; `cadfscope <command> ...` runs a headless subcommand.
#include "app/cli/cli.h"
#include "app/gui_main.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

namespace {

void setIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("cadfscope"));
    QCoreApplication::setApplicationName(QStringLiteral("cadfscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CADFSCOPE_VERSION));
}

// Loads the app's and Qt's translations for the user's locale (German ships first).
void installTranslations(QCoreApplication& app) {
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("cadfscope"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QStringList argumentsOf(int argc, char* argv[]) {
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

} // namespace

int main(int argc, char* argv[]) {
    const QStringList args = argumentsOf(argc, argv);
    if (cadf::cli::needsWidgets(args)) {
        // Drawn to a file, never shown: no display needed (over SSH, in cron, in CI).
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // The platform's warnings (no XDG_RUNTIME_DIR, "does not support propagateSizeHints")
        // are noise on a script's stderr, where the command's own one-line errors belong.
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& text) {
            if (type == QtCriticalMsg || type == QtFatalMsg)
                std::fprintf(stderr, "%s\n", qPrintable(text));
        });
        QApplication app(argc, argv);
        setIdentity();
        installTranslations(app);
        return cadf::cli::run(args);
    }
    if (cadf::cli::isSubcommand(args)) {
        // Headless: no display needed, usable over SSH and in scripts.
        QCoreApplication app(argc, argv);
        setIdentity();
        installTranslations(app);
        return cadf::cli::run(args);
    }
    cadf::cli::GuiRequest request;
    int exitCode = 0;
    {
        // Arguments first, so --help, --version and mistakes work without a display.
        QCoreApplication probe(argc, argv);
        setIdentity();
        installTranslations(probe);
        if (!cadf::cli::parseGuiArguments(args, request, exitCode))
            return exitCode;
    }
    QApplication app(argc, argv);
    setIdentity();
    installTranslations(app);
    return runGui(app, request.storePath, request.files);
}
