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

QString AppSettings::lastOpenDir() const {
    return m_settings->value(QLatin1String(kLastOpenDir)).toString();
}

void AppSettings::setLastOpenDir(const QString& dir) {
    m_settings->setValue(QLatin1String(kLastOpenDir), dir);
}

void AppSettings::sync() {
    m_settings->sync();
}
