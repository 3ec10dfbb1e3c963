#pragma once

#include "models/store/event_batch.h"
#include "models/store/store_reader.h"
#include "models/store/store_types.h"
#include "models/store/store_writer.h"

#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace QTest {
template <> inline char* toString<std::string>(const std::string& text) {
    return qstrdup(text.c_str());
}
} // namespace QTest

// Deterministic events for the store tests: small value pools so that dictionaries repeat, time
// ties, missing reason codes, and every attribute the store keeps.
namespace storetest {

inline std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

inline constexpr std::int64_t kBaseUs = 1697637600LL * 1000000; // 2023-10-18T14:00:00Z

inline cadf::store::StoredEventInput makeEvent(int i, std::uint64_t salt = 0) {
    const std::uint64_t r = mix(static_cast<std::uint64_t>(i) * 7919 + salt);
    cadf::store::StoredEventInput in;
    cadf::Event& ev = in.event;
    static const char* const actions[] = {"READ", "create", "update/add", "DELETE", "read/list"};
    static const char* const users[] = {"alice", "bob", "SERVICE.edge.controller", "carol",
                                        "dave@example.com"};
    static const char* const addresses[] = {"10.0.0.1", "10.0.0.2", "192.168.1.7", "2001:db8::1"};
    static const int codes[] = {200, 201, 204, 401, 403, 404, 500, -1};
    ev.typeUri = "http://schemas.dmtf.org/cloud/audit/1.0/event";
    ev.eventType = (r & 1) ? "ACTIVITY" : "activity";
    // Several events share each second, and a whole day boundary is crossed.
    ev.timeUs = kBaseUs + static_cast<std::int64_t>(i / 3) * 37'000'000;
    ev.eventTimeRaw = "2023-10-18T14:38.40+0000";
    ev.timeQuality = cadf::TimeQuality::InferredSeconds;
    ev.action = actions[(r >> 3) % 5];
    const int code = codes[(r >> 7) % 8];
    ev.reasonCode = code >= 0 ? std::to_string(code) : std::string();
    ev.outcome = code < 0 ? cadf::Outcome::Unknown
                          : (code >= 400 ? cadf::Outcome::Failure : cadf::Outcome::Success);
    ev.outcomeRaw = code < 0 ? "" : (code >= 400 ? "FAILURE" : "SUCCESS");
    ev.severity = "NORMAL";
    ev.initiator.id = users[(r >> 11) % 5];
    ev.initiator.name = ev.initiator.id;
    ev.initiator.typeUri = "clientid";
    ev.initiator.hostAddress = addresses[(r >> 15) % 4];
    ev.initiator.hostAgent = (r >> 17) & 1 ? "curl/8.1" : "Mozilla/5.0";
    ev.initiator.credentialType = "token";
    ev.target.id = "/api/cases/" + std::to_string((r >> 19) % 6);
    ev.target.name = "isc-cases";
    ev.target.typeUri = "ibm-cp-security/isc-cases";
    ev.observer.id = "userActivity";
    ev.observer.name = "CommonAuditService";
    ev.attachmentCount = 2;
    ev.syslog.format = cadf::SyslogFormat::Rfc5424;
    ev.syslog.facility = 1;
    ev.syslog.severity = 5;
    ev.syslog.timestamp = "2023-10-18T14:38:44.641868+00:00";
    ev.syslog.timeUs = ev.timeUs + 4'641'868;
    ev.syslog.timeValid = true;
    ev.syslog.hostname = "audit-logs-cp4s";
    ev.syslog.appName = "fluentd";
    ev.syslog.procId = "-";
    ev.syslog.msgId = "-";
    ev.syslog.structuredData = "-";
    ev.json = R"({"n":)" + std::to_string(i) + R"(,"salt":)" + std::to_string(salt) +
              R"(,"action":")" + ev.action + R"(","pad":"the same text in every record"})";
    ev.digest = mix(static_cast<std::uint64_t>(i) ^ (salt << 32)) | 1;
    in.record = "<13>1 " + ev.syslog.timestamp + " audit-logs-cp4s fluentd - - - " + ev.json;
    in.lineNo = i + 1;
    in.byteOffset = static_cast<std::int64_t>(i) * 200;
    in.serviceId = 1 + static_cast<int>((r >> 23) % 4);
    in.endpointId = 10 + static_cast<int>((r >> 25) % 7);
    return in;
}

inline cadf::store::EventBatch makeBatch(std::int64_t sourceId, int first, int count,
                                         std::uint64_t salt = 0) {
    cadf::store::EventBatch batch;
    batch.sourceId = sourceId;
    for (int i = first; i < first + count; ++i)
        batch.events.push_back(makeEvent(i, salt));
    return batch;
}

#define STORE_COMPARE_FIELD(a, b, field) QCOMPARE((a).field, (b).field)

inline void compareResource(const cadf::Resource& got, const cadf::Resource& want) {
    STORE_COMPARE_FIELD(got, want, id);
    STORE_COMPARE_FIELD(got, want, name);
    STORE_COMPARE_FIELD(got, want, typeUri);
    STORE_COMPARE_FIELD(got, want, domain);
    STORE_COMPARE_FIELD(got, want, hostAddress);
    STORE_COMPARE_FIELD(got, want, hostAgent);
    STORE_COMPARE_FIELD(got, want, hostPlatform);
    STORE_COMPARE_FIELD(got, want, credentialType);
}

// Every field of cadf::Event. QCOMPARE returns from the calling function on failure, so callers
// check QTest::currentTestFailed() afterwards.
inline void compareEvent(const cadf::Event& got, const cadf::Event& want) {
    STORE_COMPARE_FIELD(got, want, id);
    STORE_COMPARE_FIELD(got, want, typeUri);
    STORE_COMPARE_FIELD(got, want, eventType);
    STORE_COMPARE_FIELD(got, want, eventTimeRaw);
    STORE_COMPARE_FIELD(got, want, timeUs);
    QCOMPARE(int(got.timeQuality), int(want.timeQuality));
    STORE_COMPARE_FIELD(got, want, action);
    STORE_COMPARE_FIELD(got, want, outcomeRaw);
    QCOMPARE(int(got.outcome), int(want.outcome));
    STORE_COMPARE_FIELD(got, want, severity);
    STORE_COMPARE_FIELD(got, want, reasonCode);
    STORE_COMPARE_FIELD(got, want, reasonType);
    STORE_COMPARE_FIELD(got, want, policyType);
    STORE_COMPARE_FIELD(got, want, policyId);
    compareResource(got.initiator, want.initiator);
    if (QTest::currentTestFailed())
        return;
    compareResource(got.target, want.target);
    if (QTest::currentTestFailed())
        return;
    compareResource(got.observer, want.observer);
    if (QTest::currentTestFailed())
        return;
    STORE_COMPARE_FIELD(got, want, requestPath);
    STORE_COMPARE_FIELD(got, want, tags);
    STORE_COMPARE_FIELD(got, want, attachmentCount);
    QCOMPARE(int(got.syslog.format), int(want.syslog.format));
    STORE_COMPARE_FIELD(got, want, syslog.facility);
    STORE_COMPARE_FIELD(got, want, syslog.severity);
    STORE_COMPARE_FIELD(got, want, syslog.timestamp);
    STORE_COMPARE_FIELD(got, want, syslog.timeUs);
    STORE_COMPARE_FIELD(got, want, syslog.timeValid);
    STORE_COMPARE_FIELD(got, want, syslog.hostname);
    STORE_COMPARE_FIELD(got, want, syslog.appName);
    STORE_COMPARE_FIELD(got, want, syslog.procId);
    STORE_COMPARE_FIELD(got, want, syslog.msgId);
    STORE_COMPARE_FIELD(got, want, syslog.structuredData);
    STORE_COMPARE_FIELD(got, want, json);
    STORE_COMPARE_FIELD(got, want, digest);
}

inline QString storePath(const QString& dir) {
    return dir + QStringLiteral("/store.cadfdb");
}

struct Store {
    QTemporaryDir dir;
    std::string path;
    std::unique_ptr<cadf::store::StoreWriter> writer;
    std::int64_t source = 0;
};

// Writes `inputs` as one source, in batches of `batchSize`, and keeps the writer open.
inline bool fillStore(Store& store, const std::vector<cadf::store::StoredEventInput>& inputs,
                      int batchSize = 40, cadf::store::WriterOptions options = {}) {
    using namespace cadf::store;
    if (!store.dir.isValid())
        return false;
    store.path = storePath(store.dir.path()).toStdString();
    StoreError error;
    store.writer = StoreWriter::open(store.path, options, &error);
    if (!store.writer) {
        qWarning("open: %s", error.message.c_str());
        return false;
    }
    store.source = store.writer->beginSource({SourceKind::File, "/logs/audit.log", 1234, "", 0});
    for (std::size_t i = 0; i < inputs.size(); i += static_cast<std::size_t>(batchSize)) {
        EventBatch batch;
        batch.sourceId = store.source;
        const std::size_t end = std::min(inputs.size(), i + static_cast<std::size_t>(batchSize));
        batch.events.assign(inputs.begin() + static_cast<std::ptrdiff_t>(i),
                            inputs.begin() + static_cast<std::ptrdiff_t>(end));
        store.writer->submit(std::move(batch));
    }
    store.writer->flush();
    return !store.writer->failed();
}

inline std::vector<cadf::store::StoredEventInput> generated(int count) {
    std::vector<cadf::store::StoredEventInput> inputs;
    for (int i = 0; i < count; ++i)
        inputs.push_back(makeEvent(i));
    return inputs;
}

inline std::unique_ptr<cadf::store::StoreReader> openReader(const std::string& path) {
    cadf::store::StoreError error;
    auto reader = cadf::store::StoreReader::open(path, &error);
    if (!reader)
        qWarning("reader: %s", error.message.c_str());
    return reader;
}

} // namespace storetest
