// `cadfscope dashboard`: the same widgets as the window, laid out offscreen and drawn to PNG,
// SVG or PDF. The data is computed synchronously on this thread: it is a script, nothing waits.
#include "app/cli/dashboard_command.h"

#include "app/cli/cli_support.h"

#include "models/filter/filter.h"
#include "models/inventory/catalogue.h"
#include "models/itemmodels/dashboard_loader.h"
#include "models/store/store_reader.h"
#include "views/dashboard/overview_dashboard.h"
#include "views/dashboard/service_dashboard_view.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <cstdio>

namespace cadf::cli {

namespace {

const QString kCommand = QStringLiteral("dashboard");

QString tr(const char* text) {
    return QCoreApplication::translate("cli", text);
}

bool parseSize(const QString& text, QSize& out) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return false;
    out = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    // Below 320 px nothing is legible; above 16000 px an image is hundreds of megabytes.
    return out.width() >= 320 && out.width() <= 16000 && out.height() >= 200 &&
           out.height() <= 16000;
}

QString knownServices(const inventory::Catalogue& catalogue) {
    QStringList names;
    for (const inventory::ServiceInfo& service : catalogue.services())
        names << QString::fromStdString(service.name);
    names << QStringLiteral("Unclassified");
    return names.join(QStringLiteral(", "));
}

} // namespace

int dashboardCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Draws the Overview dashboard, or one service's, to a PNG, SVG or PDF file."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("service"),
                      tr("The service's dashboard instead of the Overview (an inventory name, or "
                         "Unclassified)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("filter"),
                      tr("Only events matching EXPR (see \"Filter language\" in the README)."),
                      QStringLiteral("EXPR")});
    parser.addOption({QStringLiteral("size"),
                      tr("Width and height in pixels (default 1400x900); the page grows taller "
                         "when its charts need it."),
                      QStringLiteral("WxH")});
    parser.addOption(
        {QStringLiteral("local-time"), tr("Times in this computer's zone instead of UTC.")});
    parser.addOption({QStringLiteral("out"),
                      tr("The file to write: .png, .svg or .pdf (one page)."),
                      QStringLiteral("FILE")});
    int exitCode = 0;
    if (!parseArguments(parser, kCommand, args, exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        printError(kCommand,
                   tr("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return BadUsage;
    }
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        printError(kCommand, tr("--out FILE is required (a .png, .svg or .pdf file)"));
        return BadUsage;
    }
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf")) {
        printError(kCommand, tr("cannot tell the format of '%1': use .png, .svg or .pdf").arg(out));
        return BadUsage;
    }
    QSize size(1400, 900);
    if (parser.isSet(QStringLiteral("size")) &&
        !parseSize(parser.value(QStringLiteral("size")), size)) {
        printError(kCommand, tr("invalid --size '%1': use WxH in pixels, e.g. 1400x900 (320 to "
                                "16000 wide, 200 to 16000 high)")
                                 .arg(parser.value(QStringLiteral("size"))));
        return BadUsage;
    }
    store::SqlFilter sql;
    if (!compileFilterText(kCommand, parser.value(QStringLiteral("filter")), sql))
        return BadUsage;

    const inventory::Catalogue& catalogue = inventory::Catalogue::builtIn();
    const bool forService = parser.isSet(QStringLiteral("service"));
    const QString service = parser.value(QStringLiteral("service"));
    const int serviceId = forService ? ServiceDashboardView::serviceIdOf(catalogue, service) : -1;
    if (forService && serviceId < 0) {
        printError(
            kCommand,
            tr("unknown service '%1' (services: %2)").arg(service, knownServices(catalogue)));
        return Fatal;
    }

    const QString path = storePath(parser);
    store::StoreError error;
    auto reader = store::StoreReader::open(path.toStdString(), &error);
    if (!reader) {
        printError(
            kCommand,
            tr("cannot open the store %1: %2").arg(path, QString::fromStdString(error.message)));
        return Fatal;
    }

    std::unique_ptr<DashboardPage> page;
    if (forService) {
        auto view = std::make_unique<ServiceDashboardView>(QString(), catalogue);
        view->setService(service);
        page = std::move(view);
    } else {
        page = std::make_unique<OverviewDashboard>(QString(), catalogue);
    }
    page->setLocalTime(parser.isSet(QStringLiteral("local-time")));
    // The window's request for this filter (compiled above already, errors reported there).
    page->setQuery(parser.value(QStringLiteral("filter")), std::nullopt, std::nullopt);
    QString requestError;
    const std::optional<DashboardRequest> request = page->currentRequest(&requestError);
    if (!request) {
        printError(kCommand, requestError);
        return BadUsage;
    }
    auto result = std::make_shared<DashboardResult>();
    if (!computeDashboard(*reader, catalogue, *request, *result, error)) {
        printError(
            kCommand,
            tr("cannot read the store %1: %2").arg(path, QString::fromStdString(error.message)));
        return Fatal;
    }
    page->showResult(result);
    QSize drawn;
    QString exportError;
    if (!page->exportAt(out, size.width(), size.height(), &drawn, &exportError)) {
        printError(kCommand, exportError);
        return Fatal;
    }
    writeOut(tr("wrote %1 (%2x%3)\n").arg(out).arg(drawn.width()).arg(drawn.height()));
    return Success;
}

} // namespace cadf::cli
