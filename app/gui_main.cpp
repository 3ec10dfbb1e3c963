#include "app/gui_main.h"

#include "app/app_settings.h"
#include "app/main_window.h"

#include <QApplication>

int runGui(QApplication& app, const QString& dbPath, const QStringList& files) {
    AppSettings settings;
    MainWindow window(dbPath, settings);
    window.show();
    if (!files.isEmpty())
        window.importFiles(files);
    return app.exec();
}
