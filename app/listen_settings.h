#pragma once

#include "models/listen/listener_options.h"

#include <QString>

#include <memory>

class QSettings;

// The Start listening dialog's choices, remembered between runs. Typed, with every key in
// listen_settings.cpp (the "listen/" group), next to AppSettings rather than inside it so the
// listener's settings travel with the listener's code.
class ListenSettings {
public:
    ListenSettings();                                // the user's settings
    explicit ListenSettings(const QString& iniPath); // tests
    ~ListenSettings();
    ListenSettings(const ListenSettings&) = delete;
    ListenSettings& operator=(const ListenSettings&) = delete;

    // Defaults: UDP and TCP on 127.0.0.1:5514, TLS off on 127.0.0.1:6514, 1 MiB, 2000, 600 s.
    cadf::ingest::ListenerOptions options() const;
    void setOptions(const cadf::ingest::ListenerOptions& options);
    bool hasSaved() const;

private:
    std::unique_ptr<QSettings> m_settings;
};
