// Tests of cadf::parseTimestamp and cadf::formatIso. Expected instants were computed outside this
// code (Python datetime, GNU date) or, for the random sweeps, by QDateTime/QDate.
#include "models/cadf/timestamp.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QtTest>

using cadf::TimeQuality;

namespace {

struct Expected {
    const char* text;
    qint64 utcMicros;
    TimeQuality quality;
};

// Every distinct eventTime, reporterTime and envelope timestamp spelling in tests/data/corpus.
// corpusFiles() checks that this table stays complete when the corpus grows.
const Expected kCorpus[] = {
    {"2012-03-22T13:00:00-04:00", Q_INT64_C(1332435600000000), TimeQuality::Exact},
    {"2012-08-22T23:00:00-02:00", Q_INT64_C(1345683600000000), TimeQuality::Exact},
    {"2013-08-29 19:03:45.960280", Q_INT64_C(1377803025960280), TimeQuality::NoZoneAssumedUtc},
    {"2014-01-17T23:23:38.109989+0000", Q_INT64_C(1390001018109989), TimeQuality::Exact},
    {"2014-01-17T23:23:38.154152+0000", Q_INT64_C(1390001018154152), TimeQuality::Exact},
    {"2014-02-14T01: 20: 47.932842+0000", Q_INT64_C(1392340847932842), TimeQuality::Exact},
    {"2014-02-14T01:20:47.932842", Q_INT64_C(1392340847932842), TimeQuality::NoZoneAssumedUtc},
    {"2014-02-14T01:20:47.932842+0000", Q_INT64_C(1392340847932842), TimeQuality::Exact},
    {"2014-02-14T01:20:47.932842+00:00", Q_INT64_C(1392340847932842), TimeQuality::Exact},
    {"2014-02-27T19:29:30.855665+0000", Q_INT64_C(1393529370855665), TimeQuality::Exact},
    {"2014-02-27T19:29:31.043902+0000", Q_INT64_C(1393529371043902), TimeQuality::Exact},
    {"2014-08-20T01:20:47.932842", Q_INT64_C(1408497647932842), TimeQuality::NoZoneAssumedUtc},
    {"2014-08-20T01:20:47.932842+00:00", Q_INT64_C(1408497647932842), TimeQuality::Exact},
    {"2015-12-11 00:44:26.412076", Q_INT64_C(1449794666412076), TimeQuality::NoZoneAssumedUtc},
    {"2015-12-11T00:44:26.410768+0000", Q_INT64_C(1449794666410768), TimeQuality::Exact},
    {"2016-06-15 06:04:30.904397", Q_INT64_C(1465970670904397), TimeQuality::NoZoneAssumedUtc},
    {"2016-06-15T06:04:30.903071+0000", Q_INT64_C(1465970670903071), TimeQuality::Exact},
    {"2016-11-11 18:31:11.290821", Q_INT64_C(1478889071290821), TimeQuality::NoZoneAssumedUtc},
    {"2016-11-11T18:31:11.156356+0000", Q_INT64_C(1478889071156356), TimeQuality::Exact},
    {"2017-04-20 11:28:32.521769", Q_INT64_C(1492687712521769), TimeQuality::NoZoneAssumedUtc},
    {"2017-04-20T11:28:32.521298+0000", Q_INT64_C(1492687712521298), TimeQuality::Exact},
    {"2017-04-20T11:28:32.521298+00:00", Q_INT64_C(1492687712521298), TimeQuality::Exact},
    {"2017-11-01T12:28:58.660965+0000", Q_INT64_C(1509539338660965), TimeQuality::Exact},
    {"2017-11-01T12:28:58.660965+00:00", Q_INT64_C(1509539338660965), TimeQuality::Exact},
    {"2017-11-06T10:11:21.605421+0000", Q_INT64_C(1509963081605421), TimeQuality::Exact},
    {"2017-11-06T10:11:21.605421+00:00", Q_INT64_C(1509963081605421), TimeQuality::Exact},
    {"2017-11-06T10:15:56.984390+0000", Q_INT64_C(1509963356984390), TimeQuality::Exact},
    {"2017-11-06T10:15:56.984390+00:00", Q_INT64_C(1509963356984390), TimeQuality::Exact},
    {"2017-11-07T11:46:19.448565+0000", Q_INT64_C(1510055179448565), TimeQuality::Exact},
    {"2017-11-07T11:46:19.448565+00:00", Q_INT64_C(1510055179448565), TimeQuality::Exact},
    {"2017-11-17T08:53:32.667973+0000", Q_INT64_C(1510908812667973), TimeQuality::Exact},
    {"2017-11-17T08:53:32.667973+00:00", Q_INT64_C(1510908812667973), TimeQuality::Exact},
    {"2017-12-18T18:27:32.352893+00:00", Q_INT64_C(1513621652352893), TimeQuality::Exact},
    {"2018-06-13T00:05:39.11+0000", Q_INT64_C(1528848339110000), TimeQuality::Exact},
    {"2018-07-05T15:13:19.098982+00:00", Q_INT64_C(1530803599098982), TimeQuality::Exact},
    {"2018-07-10 12:15:34.339", Q_INT64_C(1531224934339000), TimeQuality::NoZoneAssumedUtc},
    {"2018-07-10 12:15:34.471", Q_INT64_C(1531224934471000), TimeQuality::NoZoneAssumedUtc},
    {"2018-07-16 10:37:56.259", Q_INT64_C(1531737476259000), TimeQuality::NoZoneAssumedUtc},
    {"2018-07-16 10:37:56.719", Q_INT64_C(1531737476719000), TimeQuality::NoZoneAssumedUtc},
    {"2018-07-16 10:38:02.281", Q_INT64_C(1531737482281000), TimeQuality::NoZoneAssumedUtc},
    {"2018-07-19 14:33:51.135 EDT", Q_INT64_C(1532025231135000), TimeQuality::AmbiguousZone},
    {"2018-07-19 14:33:51.247 EDT", Q_INT64_C(1532025231247000), TimeQuality::AmbiguousZone},
    {"2018-07-24 10:58:45.284 EDT", Q_INT64_C(1532444325284000), TimeQuality::AmbiguousZone},
    {"2018-07-24 10:58:45.343 EDT", Q_INT64_C(1532444325343000), TimeQuality::AmbiguousZone},
    {"2018-07-24 13:02:50.813 EDT", Q_INT64_C(1532451770813000), TimeQuality::AmbiguousZone},
    {"2018-07-24 13:03:24.142 EDT", Q_INT64_C(1532451804142000), TimeQuality::AmbiguousZone},
    {"2018-07-24 13:03:24.193 EDT", Q_INT64_C(1532451804193000), TimeQuality::AmbiguousZone},
    {"2018-07-24 13:03:28.652 EDT", Q_INT64_C(1532451808652000), TimeQuality::AmbiguousZone},
    {"2018-07-24 13:05:03.777 EDT", Q_INT64_C(1532451903777000), TimeQuality::AmbiguousZone},
    {"2018-07-25 14:27:24.303 CDT", Q_INT64_C(1532546844303000), TimeQuality::AmbiguousZone},
    {"2018-07-25 14:42:40.772 EDT", Q_INT64_C(1532544160772000), TimeQuality::AmbiguousZone},
    {"2018-07-25 14:42:44.119 EDT", Q_INT64_C(1532544164119000), TimeQuality::AmbiguousZone},
    {"2018-07-25 14:42:51.070 EDT", Q_INT64_C(1532544171070000), TimeQuality::AmbiguousZone},
    {"2018-07-26T14:18:41.877636+00:00", Q_INT64_C(1532614721877636), TimeQuality::Exact},
    {"2018-09-24T12:14:11Z", Q_INT64_C(1537791251000000), TimeQuality::Exact},
    {"2018-10-11 22:42:22.721025", Q_INT64_C(1539297742721025), TimeQuality::NoZoneAssumedUtc},
    {"2018-10-11 22:42:22.853129", Q_INT64_C(1539297742853129), TimeQuality::NoZoneAssumedUtc},
    {"2018-10-11T22:42:22.720112+0000", Q_INT64_C(1539297742720112), TimeQuality::Exact},
    {"2018-10-11T22:42:22.852613+0000", Q_INT64_C(1539297742852613), TimeQuality::Exact},
    {"2019-04-29T19:45:16.161+0000", Q_INT64_C(1556567116161000), TimeQuality::Exact},
    {"2019-04-30T13:59:11.688+0000", Q_INT64_C(1556632751688000), TimeQuality::Exact},
    {"2019-05-30T18:42:48.96+0000", Q_INT64_C(1559241768960000), TimeQuality::Exact},
    {"2019-05-31T19:33:02.97+0000", Q_INT64_C(1559331182970000), TimeQuality::Exact},
    {"2019-08-15T09:00:41.35+0000", Q_INT64_C(1565859641350000), TimeQuality::Exact},
    {"2019-11-03T21:40:53.94+0000", Q_INT64_C(1572817253940000), TimeQuality::Exact},
    {"2019-11-26T17:40:34.00+0000", Q_INT64_C(1574790034000000), TimeQuality::Exact},
    {"2019-11-26T23:59:27.00+0000", Q_INT64_C(1574812767000000), TimeQuality::Exact},
    {"2019-11-27T00:03:01.8+0000", Q_INT64_C(1574812981800000), TimeQuality::Exact},
    {"2019-11-27T00:05:11.79+0000", Q_INT64_C(1574813111790000), TimeQuality::Exact},
    {"2019-11-27T00:05:17.92+0000", Q_INT64_C(1574813117920000), TimeQuality::Exact},
    {"2019-12-11T16:00:58-06:00", Q_INT64_C(1576101658000000), TimeQuality::Exact},
    {"2019-12-20T16:38:06Z", Q_INT64_C(1576859886000000), TimeQuality::Exact},
    {"2020-03-08T12:22:01+00:00", Q_INT64_C(1583670121000000), TimeQuality::Exact},
    {"2020-03-11T09:28:35.15+0000", Q_INT64_C(1583918915150000), TimeQuality::Exact},
    {"2020-03-17T22:18:40.325+0000", Q_INT64_C(1584483520325000), TimeQuality::Exact},
    {"2020-03-22T09:36:07Z", Q_INT64_C(1584869767000000), TimeQuality::Exact},
    {"2020-05-13T19:12:13.32+0000", Q_INT64_C(1589397133320000), TimeQuality::Exact},
    {"2020-07-31 11:52:38.091 CDT", Q_INT64_C(1596214358091000), TimeQuality::AmbiguousZone},
    {"2020-07-31 11:52:38.572 CDT", Q_INT64_C(1596214358572000), TimeQuality::AmbiguousZone},
    {"2020-07-31 11:52:38.622 CDT", Q_INT64_C(1596214358622000), TimeQuality::AmbiguousZone},
    {"2020-07-31 11:52:39.410 CDT", Q_INT64_C(1596214359410000), TimeQuality::AmbiguousZone},
    {"2020-07-31 13:46:55.205 CDT", Q_INT64_C(1596221215205000), TimeQuality::AmbiguousZone},
    {"2022-01-16T17:55:25.60+0000", Q_INT64_C(1642355725600000), TimeQuality::Exact},
    {"2022-02-22T17:59:07.57+0000", Q_INT64_C(1645552747570000), TimeQuality::Exact},
    {"2022-06-30T03:12:49.63+0000", Q_INT64_C(1656558769630000), TimeQuality::Exact},
    {"2025-03-27 17:09:37.318895", Q_INT64_C(1743095377318895), TimeQuality::NoZoneAssumedUtc},
    {"2025-03-27T17:09:37.318590+0000", Q_INT64_C(1743095377318590), TimeQuality::Exact},
    {"2025-09-30 01:49:47.606074", Q_INT64_C(1759196987606074), TimeQuality::NoZoneAssumedUtc},
    {"2025-09-30 04:01:53.361160", Q_INT64_C(1759204913361160), TimeQuality::NoZoneAssumedUtc},
    {"2025-09-30T01:49:47.431826+0000", Q_INT64_C(1759196987431826), TimeQuality::Exact},
    {"2025-09-30T04:01:53.295798+0000", Q_INT64_C(1759204913295798), TimeQuality::Exact},
    {"2026-06-11T03:00:00Z", Q_INT64_C(1781146800000000), TimeQuality::Exact},
    {"2026-06-11T14:17:16Z", Q_INT64_C(1781187436000000), TimeQuality::Exact},
    {"2026-06-11T14:20:00Z", Q_INT64_C(1781187600000000), TimeQuality::Exact},
    {"2026-06-11T15:00:00Z", Q_INT64_C(1781190000000000), TimeQuality::Exact},
};

void validRow(const char* text, qint64 utcMicros, TimeQuality quality) {
    // Row names are printed one per line: spell control characters out.
    const QByteArray name = QByteArray(text).replace('\r', "\\r").replace('\n', "\\n");
    QTest::newRow(name.constData()) << QByteArray(text) << utcMicros << static_cast<int>(quality);
}

qint64 utcSecondsOf(int y, int m, int d, int h, int mi, int s) {
    return QDateTime(QDate(y, m, d), QTime(h, mi, s), QTimeZone::utc()).toMSecsSinceEpoch() / 1000;
}

} // namespace

class TstTimestamp : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void invalid_data();
    void invalid();
    void corpusFiles_data();
    void corpusFiles();
    void randomAgainstQDateTime();
    void randomDatesValidity();
    void formatIso_data();
    void formatIso();
    void formatIsoAgainstQDateTime();
    void roundTrip_data();
    void roundTrip();
    void civilDaysAgainstQDate();
};

void TstTimestamp::parse_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("utcMicros");
    QTest::addColumn<int>("quality");

    for (const Expected& e : kCorpus)
        validRow(e.text, e.utcMicros, e.quality);

    // The families of cadf.md section 4 beyond the corpus, and the edges of each field.
    validRow("2023-10-18T14:38.40+0000", Q_INT64_C(1697639920000000), TimeQuality::InferredSeconds);
    validRow("2021-1-17T04:43:38.59+0000", Q_INT64_C(1610858618590000), TimeQuality::Exact);
    validRow("2023-10-18t14:38:40.5z", Q_INT64_C(1697639920500000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.1Z", Q_INT64_C(1697639920100000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.12Z", Q_INT64_C(1697639920120000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.123Z", Q_INT64_C(1697639920123000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.1234Z", Q_INT64_C(1697639920123400), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.12345Z", Q_INT64_C(1697639920123450), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.123456Z", Q_INT64_C(1697639920123456), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.1234567Z", Q_INT64_C(1697639920123456), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.12345678Z", Q_INT64_C(1697639920123456), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.123456789Z", Q_INT64_C(1697639920123456), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.999999999Z", Q_INT64_C(1697639920999999), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40,250Z", Q_INT64_C(1697639920250000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40+02:00", Q_INT64_C(1697632720000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40+0200", Q_INT64_C(1697632720000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40+02", Q_INT64_C(1697632720000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40-07", Q_INT64_C(1697665120000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40+05:30", Q_INT64_C(1697620120000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40+0545", Q_INT64_C(1697619220000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40-03:30", Q_INT64_C(1697652520000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40-00:00", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40+23:59", Q_INT64_C(1697553580000000), TimeQuality::Exact);
    validRow("2023-10-18 14:38:40Z", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("2023-10-18 14:38:40 +0000", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("2023-10-18 14:38:40", Q_INT64_C(1697639920000000), TimeQuality::NoZoneAssumedUtc);
    validRow("2023-10-18T14:38:40", Q_INT64_C(1697639920000000), TimeQuality::NoZoneAssumedUtc);
    validRow("2023-1-8T4:38:40Z", Q_INT64_C(1673152720000000), TimeQuality::Exact);
    validRow("2023-01-08T04:38:40Z", Q_INT64_C(1673152720000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38Z", Q_INT64_C(1697639880000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40 UTC", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40 GMT", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("2023-10-18 14:38:40.123 utc", Q_INT64_C(1697639920123000), TimeQuality::Exact);
    validRow("2023-10-18 14:38:40.123 EST", Q_INT64_C(1697657920123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 CST", Q_INT64_C(1697661520123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 MST", Q_INT64_C(1697665120123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 MDT", Q_INT64_C(1697661520123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 PST", Q_INT64_C(1697668720123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 PDT", Q_INT64_C(1697665120123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 CET", Q_INT64_C(1697636320123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 CEST", Q_INT64_C(1697632720123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18 14:38:40.123 BST", Q_INT64_C(1697636320123000),
             TimeQuality::AmbiguousZone);
    validRow("2023-10-18T14:38:40.40+0000", Q_INT64_C(1697639920400000), TimeQuality::Exact);
    validRow("2024-02-29T23:59:59.999999Z", Q_INT64_C(1709251199999999), TimeQuality::Exact);
    validRow("2000-02-29T00:00:00Z", Q_INT64_C(951782400000000), TimeQuality::Exact);
    validRow("1969-12-31T23:59:59.999999Z", Q_INT64_C(-1), TimeQuality::Exact);
    validRow("1970-01-01T00:00:00Z", Q_INT64_C(0), TimeQuality::Exact);
    validRow("1900-03-01T00:00:00Z", Q_INT64_C(-2203891200000000), TimeQuality::Exact);
    validRow("0001-01-01T00:00:00Z", Q_INT64_C(-62135596800000000), TimeQuality::Exact);
    validRow("9999-12-31T23:59:59.999999Z", Q_INT64_C(253402300799999999), TimeQuality::Exact);
    validRow("2016-12-31T23:59:60Z", Q_INT64_C(1483228800000000), TimeQuality::Exact);
    validRow("2023-10-18T00:30:00+01:00", Q_INT64_C(1697585400000000), TimeQuality::Exact);
    validRow("2023-01-01T00:30:00+01:00", Q_INT64_C(1672529400000000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40.123456789+0000 UTC", Q_INT64_C(1697639920123456),
             TimeQuality::Exact); // Go time.String()
    validRow("2023-10-18 14:38:40.5 -0700 MST", Q_INT64_C(1697665120500000), TimeQuality::Exact);
    validRow("2023-10-18T14:38:40UTC+02:00", Q_INT64_C(1697632720000000), TimeQuality::Exact);
    validRow("2023-10-18 14:38:40 GMT-0130", Q_INT64_C(1697645320000000), TimeQuality::Exact);
    validRow("  2023-10-18T14:38:40Z\r\n", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("2023-10-18 14:38.40 EDT", Q_INT64_C(1697654320000000), TimeQuality::AmbiguousZone);
    validRow("2023-10-18T14:38.40", Q_INT64_C(1697639920000000), TimeQuality::NoZoneAssumedUtc);
    validRow("1697639920", Q_INT64_C(1697639920000000), TimeQuality::Exact);
    validRow("1697639920123", Q_INT64_C(1697639920123000), TimeQuality::Exact);
    validRow("0000000000", Q_INT64_C(0), TimeQuality::Exact);
    validRow("9999999999999", Q_INT64_C(9999999999999000), TimeQuality::Exact);
}

void TstTimestamp::parse() {
    QFETCH(QByteArray, text);
    QFETCH(qint64, utcMicros);
    QFETCH(int, quality);

    const cadf::ParsedTime parsed =
        cadf::parseTimestamp(std::string_view(text.constData(), text.size()));
    QVERIFY(parsed.ok);
    QCOMPARE(parsed.utcMicros, utcMicros);
    QCOMPARE(static_cast<int>(parsed.quality), quality);
}

void TstTimestamp::invalid_data() {
    QTest::addColumn<QByteArray>("text");
    const char* const cases[] = {
        "",
        " ",
        "\t\r\n",
        "garbage",
        "null",
        "-",
        "2023",
        "2023-10",
        "2023-10-18",
        "2023-10-18T",
        "2023-10-18 ",
        "2023-10-18T14",
        "2023-10-18T14:",
        "2023-10-18T14:38:",
        "2023-10-18T14:38:40.",
        "2023-10-18T14:38:40.Z",
        "2023-10-18T14:38:40,Z",
        "2023-10-18T14:38:40.1234567890Z",
        "2023-13-01T00:00:00Z",
        "2023-00-01T00:00:00Z",
        "2023-10-00T00:00:00Z",
        "2023-10-32T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-02-30T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2100-02-29T00:00:00Z",
        "2023-04-31T00:00:00Z",
        "2023-06-31T00:00:00Z",
        "2023-09-31T00:00:00Z",
        "2023-11-31T00:00:00Z",
        "2023-10-18T25:00:00Z",
        "2023-10-18T24:00:00Z",
        "2023-10-18T99:00:00Z",
        "2023-10-18T14:60:00Z",
        "2023-10-18T14:38:61Z",
        "2023-10-18T14:38:99Z",
        "2023-10-18T14:3:40Z",
        "2023-10-18T14:38:4Z",
        "2023-10-18T14:38:400Z",
        "2023-10-18T144:38:40Z",
        "2023-10-18T-1:38:40Z",
        "2023-10-18T14:38:40Zjunk",
        "2023-10-18T14:38:40ZZ",
        "2023-10-18T14:38:40Z+00:00",
        "2023-10-18T14:38:40+00:00Z",
        "2023-10-18T14:38:40+0000 trailing words",
        "2023-10-18T14:38:40+0000 UTCLONGER",
        "2023-10-18T14:38:40 {\"x\":1}",
        "2023-10-18T14:38:40;",
        "2023-10-18T14:38:40+24:00",
        "2023-10-18T14:38:40+02:60",
        "2023-10-18T14:38:40+2",
        "2023-10-18T14:38:40+020",
        "2023-10-18T14:38:40+02:0",
        "2023-10-18T14:38:40+02:000",
        "2023-10-18T14:38:40+",
        "2023-10-18T14:38:40++0200",
        "2023-10-18T14:38:40 XYZ",
        "2023-10-18T14:38:40 EDTX",
        "2023-10-18T14:38:40 E",
        "2023-10-18T14:38:40 EDT+02:00",
        "2023-10-18T14:38:40  +0000",
        "2023-10-18T14:38:40  UTC",
        "2023-10-18T14:38.4+0000",
        "2023-10-18T14:38.405+0000",
        "2023-10-18T14:38.60+0000",
        "2023-10-18T14:38.4a+0000",
        "2023-10-18T14:38:40.40.40Z",
        "2023-10-18T14:  38:40Z",
        "2023-10-18T14:38:  40Z",
        "2023-10-18T 14:38:40Z",
        "2023-10-18  14:38:40",
        "2023-10-18X14:38:40Z",
        "2023-10-18_14:38:40Z",
        "2023/10/18 14:38:40",
        "18.10.2023 14:38:40",
        "Oct 18 14:38:40",
        "23-10-18T14:38:40Z",
        "20231-10-18T14:38:40Z",
        "2023-100-18T14:38:40Z",
        "2023-10-180T14:38:40Z",
        "+2023-10-18T14:38:40Z",
        "-2023-10-18T14:38:40Z",
        "20231018T143840Z",
        "2023-10-18T14:38:40 2023",
        "123456789",
        "12345678901",
        "123456789012",
        "16976399201234",
        "169763992a",
        "-169763992",
        "1697639920.5",
        "1.697639920e9",
        "0x65306ef0",
        "2023-10-18T14:38:40\xc2\xa0Z",
        "\xef\xbb\xbf"
        "2023-10-18T14:38:40Z",
        "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x93-10-18T14:38:40Z",
    };
    int index = 0;
    for (const char* text : cases)
        QTest::addRow("%d: %s", index++, text) << QByteArray(text);
    // Embedded NUL bytes: must not end the text early.
    QTest::newRow("nul in time") << QByteArray("2023-10-18T14:38\0:40Z", 21);
    QTest::newRow("nul after zone") << QByteArray("2023-10-18T14:38:40Z\0", 21);
    QTest::newRow("nul epoch") << QByteArray("169763992\0", 10);
}

void TstTimestamp::invalid() {
    QFETCH(QByteArray, text);
    const cadf::ParsedTime parsed =
        cadf::parseTimestamp(std::string_view(text.constData(), text.size()));
    QVERIFY2(!parsed.ok, text.constData());
}

void TstTimestamp::corpusFiles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("text");

    const QDir dir(QStringLiteral(CADFSCOPE_TEST_DATA "/corpus"));
    const QStringList files =
        dir.entryList({QStringLiteral("*.jsonl"), QStringLiteral("*.jsonc")}, QDir::Files);
    QVERIFY(files.size() >= 10);
    // Time keys are plain ASCII strings in every corpus file, so a pattern finds them all.
    const QRegularExpression re(
        QStringLiteral("\"(eventTime|reporterTime|timestamp)\"\\s*:\\s*\"([^\"]*)\""));
    QSet<QString> seen;
    int eventTimes = 0;
    for (const QString& name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(f.readAll());
        for (auto it = re.globalMatch(content); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (m.captured(1) == QLatin1String("eventTime"))
                ++eventTimes;
            const QString value = m.captured(2);
            if (seen.contains(value))
                continue;
            seen.insert(value);
            QTest::addRow("%s: %s", qPrintable(name), qPrintable(value)) << name << value;
        }
    }
    QVERIFY(eventTimes >= 94); // cadf.md: 94 events in the corpus
    QCOMPARE(seen.size(), static_cast<int>(std::size(kCorpus)));
}

void TstTimestamp::corpusFiles() {
    QFETCH(QString, file);
    QFETCH(QString, text);
    const QByteArray utf8 = text.toUtf8();
    const Expected* expected = nullptr;
    for (const Expected& e : kCorpus) {
        if (utf8 == e.text)
            expected = &e;
    }
    QVERIFY2(expected != nullptr, "corpus spelling missing from kCorpus");
    const cadf::ParsedTime parsed =
        cadf::parseTimestamp(std::string_view(utf8.constData(), utf8.size()));
    QVERIFY(parsed.ok);
    QCOMPARE(parsed.utcMicros, expected->utcMicros);
    QCOMPARE(static_cast<int>(parsed.quality), static_cast<int>(expected->quality));
}

// Random instants in years 1..9999 written in the accepted spellings; QDateTime is the oracle.
void TstTimestamp::randomAgainstQDateTime() {
    QRandomGenerator rng(20231018);
    for (int i = 0; i < 20000; ++i) {
        const int y = rng.bounded(1, 10000);
        const int m = rng.bounded(1, 13);
        const int d = rng.bounded(1, QDate(y, m, 1).daysInMonth() + 1);
        const int h = rng.bounded(24);
        const int mi = rng.bounded(60);
        const int s = rng.bounded(60);
        const int fractionDigits = rng.bounded(10);
        QByteArray fraction;
        for (int k = 0; k < fractionDigits; ++k)
            fraction.append(static_cast<char>('0' + rng.bounded(10)));
        const qint64 micros = fraction.left(6).leftJustified(6, '0').toLongLong();
        const int offset = rng.bounded(-(23 * 60 + 59), 23 * 60 + 60);
        const int absOffset = std::abs(offset);
        const char sign = offset < 0 ? '-' : '+';
        const bool padded = rng.bounded(2) == 0;
        const char* const sep = rng.bounded(3) == 0 ? " " : (rng.bounded(2) ? "T" : "t");

        QByteArray text =
            QByteArray::number(y).rightJustified(4, '0') + '-' +
            (padded ? QByteArray::number(m).rightJustified(2, '0') : QByteArray::number(m)) + '-' +
            (padded ? QByteArray::number(d).rightJustified(2, '0') : QByteArray::number(d)) + sep +
            (padded ? QByteArray::number(h).rightJustified(2, '0') : QByteArray::number(h)) + ':' +
            QByteArray::number(mi).rightJustified(2, '0') + ':' +
            QByteArray::number(s).rightJustified(2, '0');
        if (fractionDigits > 0)
            text += '.' + fraction;
        int usedOffset = offset;
        switch (rng.bounded(4)) {
        case 0:
            text += offset == 0 ? QByteArray("Z") : QByteArray("z");
            usedOffset = 0;
            break;
        case 1:
            text += sign + QByteArray::number(absOffset / 60).rightJustified(2, '0') + ':' +
                    QByteArray::number(absOffset % 60).rightJustified(2, '0');
            break;
        case 2:
            text += sign + QByteArray::number(absOffset / 60).rightJustified(2, '0') +
                    QByteArray::number(absOffset % 60).rightJustified(2, '0');
            break;
        default:
            text += sign + QByteArray::number(absOffset / 60).rightJustified(2, '0');
            usedOffset = (offset < 0 ? -1 : 1) * (absOffset / 60 * 60);
            break;
        }
        const qint64 expected =
            (utcSecondsOf(y, m, d, h, mi, s) - usedOffset * 60) * 1000000 + micros;
        const cadf::ParsedTime parsed =
            cadf::parseTimestamp(std::string_view(text.constData(), text.size()));
        QVERIFY2(parsed.ok, text.constData());
        QVERIFY2(parsed.utcMicros == expected, text.constData());
        QCOMPARE(static_cast<int>(parsed.quality), static_cast<int>(TimeQuality::Exact));
    }
}

// Random year/month/day triples, valid or not: the parser must agree with QDate::isValid.
void TstTimestamp::randomDatesValidity() {
    QRandomGenerator rng(4711);
    int rejected = 0;
    for (int i = 0; i < 20000; ++i) {
        const int y = rng.bounded(1, 10000);
        const int m = rng.bounded(0, 14);
        const int d = rng.bounded(0, 33);
        const QByteArray text = QByteArray::number(y).rightJustified(4, '0') + '-' +
                                QByteArray::number(m).rightJustified(2, '0') + '-' +
                                QByteArray::number(d).rightJustified(2, '0') + "T12:00:00Z";
        const bool valid = QDate::isValid(y, m, d);
        rejected += valid ? 0 : 1;
        QVERIFY2(cadf::parseTimestamp(std::string_view(text.constData(), text.size())).ok == valid,
                 text.constData());
    }
    QVERIFY(rejected > 1000); // the sweep really did include invalid dates
}

void TstTimestamp::formatIso_data() {
    QTest::addColumn<qint64>("utcMicros");
    QTest::addColumn<int>("offsetSeconds");
    QTest::addColumn<int>("fractionDigits");
    QTest::addColumn<QString>("expected");

    const qint64 t = Q_INT64_C(1697639920123456); // 2023-10-18T14:38:40.123456Z
    QTest::newRow("default ms") << Q_INT64_C(1697639920000000) << 0 << 3
                                << "2023-10-18T14:38:40.000Z";
    QTest::newRow("micro") << t << 0 << 6 << "2023-10-18T14:38:40.123456Z";
    QTest::newRow("milli") << t << 0 << 3 << "2023-10-18T14:38:40.123Z";
    QTest::newRow("seconds") << t << 0 << 0 << "2023-10-18T14:38:40Z";
    QTest::newRow("digits 1 -> 3") << t << 0 << 1 << "2023-10-18T14:38:40.123Z";
    QTest::newRow("digits 2 -> 3") << t << 0 << 2 << "2023-10-18T14:38:40.123Z";
    QTest::newRow("digits 4 -> 6") << t << 0 << 4 << "2023-10-18T14:38:40.123456Z";
    QTest::newRow("digits 9 -> 6") << t << 0 << 9 << "2023-10-18T14:38:40.123456Z";
    QTest::newRow("digits -1 -> 0") << t << 0 << -1 << "2023-10-18T14:38:40Z";
    QTest::newRow("+02:00") << t << 7200 << 3 << "2023-10-18T16:38:40.123+02:00";
    QTest::newRow("-05:00") << t << -18000 << 3 << "2023-10-18T09:38:40.123-05:00";
    QTest::newRow("+05:30") << t << 19800 << 3 << "2023-10-18T20:08:40.123+05:30";
    QTest::newRow("-03:30") << t << -12600 << 0 << "2023-10-18T11:08:40-03:30";
    QTest::newRow("+13:45 next day") << t << 49500 << 0 << "2023-10-19T04:23:40+13:45";
    QTest::newRow("-12:00 previous day")
        << Q_INT64_C(1697588000000000) << -43200 << 0 << "2023-10-17T12:13:20-12:00";
    QTest::newRow("offset seconds truncated") << t << 7230 << 3 << "2023-10-18T16:38:40.123+02:00";
    QTest::newRow("offset under a minute") << t << 59 << 3 << "2023-10-18T14:38:40.123Z";
    QTest::newRow("epoch") << Q_INT64_C(0) << 0 << 3 << "1970-01-01T00:00:00.000Z";
    QTest::newRow("-1us micro") << Q_INT64_C(-1) << 0 << 6 << "1969-12-31T23:59:59.999999Z";
    QTest::newRow("-1us milli") << Q_INT64_C(-1) << 0 << 3 << "1969-12-31T23:59:59.999Z";
    QTest::newRow("-1us seconds") << Q_INT64_C(-1) << 0 << 0 << "1969-12-31T23:59:59Z";
    QTest::newRow("leap day") << Q_INT64_C(1709251199000000) << 0 << 0 << "2024-02-29T23:59:59Z";
    QTest::newRow("leap day +01:00")
        << Q_INT64_C(1709251199000000) << 3600 << 0 << "2024-03-01T00:59:59+01:00";
    QTest::newRow("year 1") << Q_INT64_C(-62135596800000000) << 0 << 3
                            << "0001-01-01T00:00:00.000Z";
    QTest::newRow("year 9999") << Q_INT64_C(253402300799999999) << 0 << 6
                               << "9999-12-31T23:59:59.999999Z";
    QTest::newRow("year 1900") << Q_INT64_C(-2203891200000000) << 0 << 0 << "1900-03-01T00:00:00Z";
    QTest::newRow("year 2000") << Q_INT64_C(951782400000000) << 0 << 0 << "2000-02-29T00:00:00Z";
}

void TstTimestamp::formatIso() {
    QFETCH(qint64, utcMicros);
    QFETCH(int, offsetSeconds);
    QFETCH(int, fractionDigits);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(cadf::formatIso(utcMicros, offsetSeconds, fractionDigits)),
             expected);
}

void TstTimestamp::formatIsoAgainstQDateTime() {
    QRandomGenerator rng(1697639920);
    const qint64 lo = Q_INT64_C(-62135596800000000) + Q_INT64_C(86400000000);
    const qint64 hi = Q_INT64_C(253402300799999999) - Q_INT64_C(86400000000);
    for (int i = 0; i < 20000; ++i) {
        const qint64 us = lo + static_cast<qint64>(rng.generate64() % quint64(hi - lo));
        const qint64 ms = us >= 0 ? us / 1000 : -((-us + 999) / 1000); // floor
        const int offset = rng.bounded(2) ? 0 : rng.bounded(-(14 * 60), 14 * 60 + 1) * 60;
        // QDateTime prints a zero offset zone as "+00:00", formatIso as "Z" (UTC).
        const QDateTime dt = offset == 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                                         : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(offset));
        const QString expected = dt.toString(Qt::ISODateWithMs);
        const QString actual = QString::fromStdString(cadf::formatIso(us, offset, 3));
        QVERIFY2(actual == expected,
                 qPrintable(actual + QLatin1String(" != ") + expected + QLatin1String(" offset ") +
                            QString::number(offset)));
    }
}

void TstTimestamp::roundTrip_data() {
    QTest::addColumn<int>("fractionDigits");
    QTest::addColumn<qint64>("unit");
    QTest::newRow("6") << 6 << Q_INT64_C(1);
    QTest::newRow("3") << 3 << Q_INT64_C(1000);
    QTest::newRow("0") << 0 << Q_INT64_C(1000000);
}

// parseTimestamp(formatIso(t)) gives t back, truncated to the printed precision.
void TstTimestamp::roundTrip() {
    QFETCH(int, fractionDigits);
    QFETCH(qint64, unit);
    QRandomGenerator rng(static_cast<quint32>(77 + fractionDigits));
    const qint64 lo = Q_INT64_C(-62135596800000000) + Q_INT64_C(86400000000);
    const qint64 hi = Q_INT64_C(253402300799999999) - Q_INT64_C(86400000000);
    for (int i = 0; i < 20000; ++i) {
        const qint64 us = lo + static_cast<qint64>(rng.generate64() % quint64(hi - lo));
        const int offset = rng.bounded(-(23 * 60 + 59), 23 * 60 + 60) * 60;
        const std::string text = cadf::formatIso(us, offset, fractionDigits);
        const cadf::ParsedTime parsed = cadf::parseTimestamp(text);
        QVERIFY2(parsed.ok, text.c_str());
        qint64 floored = us - us % unit;
        if (us % unit < 0)
            floored -= unit;
        QVERIFY2(parsed.utcMicros == floored, text.c_str());
        QCOMPARE(static_cast<int>(parsed.quality), static_cast<int>(TimeQuality::Exact));
    }
}

// Every day of years 1..9999 against QDate's Julian day numbers.
void TstTimestamp::civilDaysAgainstQDate() {
    const qint64 unixEpochJulianDay = 2440588;
    const qint64 first = QDate(1, 1, 1).toJulianDay() - unixEpochJulianDay;
    const qint64 last = QDate(9999, 12, 31).toJulianDay() - unixEpochJulianDay;
    for (qint64 days = first; days <= last; ++days) {
        const QDate date = QDate::fromJulianDay(days + unixEpochJulianDay);
        const cadf::CivilDate civil = cadf::civilFromDays(days);
        if (civil.year != date.year() || civil.month != unsigned(date.month()) ||
            civil.day != unsigned(date.day()))
            QFAIL(qPrintable(QStringLiteral("civilFromDays(%1)").arg(days)));
        if (cadf::daysFromCivil(date.year(), date.month(), date.day()) != days)
            QFAIL(qPrintable(QStringLiteral("daysFromCivil(%1)").arg(date.toString())));
    }
    static_assert(cadf::daysFromCivil(1970, 1, 1) == 0);
    static_assert(cadf::daysFromCivil(2000, 3, 1) == 11017);
}

QTEST_APPLESS_MAIN(TstTimestamp)
#include "tst_timestamp.moc"
