#include "app/app_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace {

// The only place the keys are spelled. Renaming one loses the user's value: add a migration.
constexpr auto kOrganisation = "cadfscope";
constexpr auto kApplication = "cadfscope";
constexpr auto kRecentFiles = "files/recent";
constexpr auto kLastOpenDir = "files/lastOpenDir";
constexpr auto kWindowGeometry = "window/geometry";
constexpr auto kWindowState = "window/state";
constexpr auto kSplitterState = "window/eventsSplitter";
constexpr auto kTableHeaderState = "window/eventTableHeader";
constexpr auto kWorkspaceSplitterState = "window/workspaceSplitter";
constexpr auto kViewSplitterState = "window/viewSplitter";
constexpr auto kFilterHistory = "filters/history";
constexpr auto kSavedFilters = "filters/saved"; // array of {name, text}
constexpr auto kLocalTime = "view/localTime";

QString normalised(const QString& path) {
    // One spelling per file, so "./a.log" and "/home/x/a.log" do not both appear in the menu.
    const QFileInfo info(path);
    return QDir::cleanPath(info.absoluteFilePath());
}

} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                             QString::fromLatin1(kOrganisation),
                                             QString::fromLatin1(kApplication))) {}

AppSettings::AppSettings(const QString& iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

QStringList AppSettings::recentFiles() const {
    QStringList files = m_settings->value(QLatin1String(kRecentFiles)).toStringList();
    files.removeAll(QString());
    files.removeDuplicates();
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    return files;
}

void AppSettings::addRecentFile(const QString& path) {
    if (path.isEmpty())
        return;
    const QString file = normalised(path);
    QStringList files = recentFiles();
    files.removeAll(file);
    files.prepend(file);
    setRecentFiles(files);
}

void AppSettings::removeRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(normalised(path));
    files.removeAll(path);
    setRecentFiles(files);
}

void AppSettings::clearRecentFiles() {
    setRecentFiles({});
}

void AppSettings::setRecentFiles(const QStringList& files) {
    QStringList kept = files;
    while (kept.size() > kMaxRecentFiles)
        kept.removeLast();
    m_settings->setValue(QLatin1String(kRecentFiles), kept);
}

QByteArray AppSettings::windowGeometry() const {
    return m_settings->value(QLatin1String(kWindowGeometry)).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry) {
    m_settings->setValue(QLatin1String(kWindowGeometry), geometry);
}

QByteArray AppSettings::windowState() const {
    return m_settings->value(QLatin1String(kWindowState)).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& state) {
    m_settings->setValue(QLatin1String(kWindowState), state);
}

QByteArray AppSettings::splitterState() const {
    return m_settings->value(QLatin1String(kSplitterState)).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray& state) {
    m_settings->setValue(QLatin1String(kSplitterState), state);
}

QByteArray AppSettings::tableHeaderState() const {
    return m_settings->value(QLatin1String(kTableHeaderState)).toByteArray();
}

void AppSettings::setTableHeaderState(const QByteArray& state) {
    m_settings->setValue(QLatin1String(kTableHeaderState), state);
}

QStringList AppSettings::filterHistory() const {
    return m_settings->value(QLatin1String(kFilterHistory)).toStringList();
}

void AppSettings::setFilterHistory(const QStringList& history) {
    m_settings->setValue(QLatin1String(kFilterHistory), history);
}

QList<QPair<QString, QString>> AppSettings::savedFilters() const {
    QList<QPair<QString, QString>> filters;
    const int n = m_settings->beginReadArray(QLatin1String(kSavedFilters));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        const QString name = m_settings->value(QStringLiteral("name")).toString();
        if (!name.isEmpty())
            filters.append({name, m_settings->value(QStringLiteral("text")).toString()});
    }
    m_settings->endArray();
    return filters;
}

void AppSettings::setSavedFilters(const QList<QPair<QString, QString>>& filters) {
    m_settings->remove(QLatin1String(kSavedFilters));
    m_settings->beginWriteArray(QLatin1String(kSavedFilters), int(filters.size()));
    for (int i = 0; i < filters.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("name"), filters[i].first);
        m_settings->setValue(QStringLiteral("text"), filters[i].second);
    }
    m_settings->endArray();
}

bool AppSettings::localTime() const {
    return m_settings->value(QLatin1String(kLocalTime), false).toBool();
}

void AppSettings::setLocalTime(bool local) {
    m_settings->setValue(QLatin1String(kLocalTime), local);
}

QByteArray AppSettings::workspaceSplitterState() const {
    return m_settings->value(QLatin1String(kWorkspaceSplitterState)).toByteArray();
}

void AppSettings::setWorkspaceSplitterState(const QByteArray& state) {
    m_settings->setValue(QLatin1String(kWorkspaceSplitterState), state);
}

QByteArray AppSettings::viewSplitterState() const {
    return m_settings->value(QLatin1String(kViewSplitterState)).toByteArray();
}

void AppSettings::setViewSplitterState(const QByteArray& state) {
    m_settings->setValue(QLatin1String(kViewSplitterState), state);
}

QString AppSettings::lastOpenDir() const {
    return m_settings->value(QLatin1String(kLastOpenDir)).toString();
}

void AppSettings::setLastOpenDir(const QString& dir) {
    m_settings->setValue(QLatin1String(kLastOpenDir), dir);
}

void AppSettings::sync() {
    m_settings->sync();
}
