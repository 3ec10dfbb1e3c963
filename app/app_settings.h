#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

// The GUI's persistent settings, typed. Every QSettings key lives in app_settings.cpp and nowhere
// else, so a renamed key cannot leave a stale reader behind.
class AppSettings {
public:
    static constexpr int kMaxRecentFiles = 10;

    // The per-user settings of cadfscope (organisation and application "cadfscope").
    AppSettings();
    // An INI file at iniPath: tests, and portable set-ups.
    explicit AppSettings(const QString& iniPath);
    ~AppSettings();
    AppSettings(const AppSettings&) = delete;
    AppSettings& operator=(const AppSettings&) = delete;

    // Most recent first, no duplicates, at most kMaxRecentFiles.
    QStringList recentFiles() const;
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);
    void clearRecentFiles();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray& state);
    QByteArray tableHeaderState() const;
    void setTableHeaderState(const QByteArray& state);

    // The filter bar: applied filters, most recent first; named filters in the user's order.
    QStringList filterHistory() const;
    void setFilterHistory(const QStringList& history);
    QList<QPair<QString, QString>> savedFilters() const; // name, filter text
    void setSavedFilters(const QList<QPair<QString, QString>>& filters);
    // Times in this computer's zone instead of UTC, in every view.
    bool localTime() const;
    void setLocalTime(bool local);
    QByteArray workspaceSplitterState() const; // facets | events
    void setWorkspaceSplitterState(const QByteArray& state);
    QByteArray viewSplitterState() const; // list of views | current view
    void setViewSplitterState(const QByteArray& state);

    // The folder the Open dialog starts in; empty = the user's home.
    QString lastOpenDir() const;
    void setLastOpenDir(const QString& dir);

    void sync();

private:
    void setRecentFiles(const QStringList& files);

    std::unique_ptr<QSettings> m_settings;
};
