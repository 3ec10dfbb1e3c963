// store::FlatMap, the writer's per-transaction counter map: the same counts as std::map through
// growth, collisions and clear() (a transaction after the first reuses the slots).
#include "models/store/flat_map.h"

#include <QTest>

#include <cstdint>
#include <map>
#include <random>

namespace {

struct Key {
    std::int64_t v[2];
    bool operator==(const Key& o) const { return v[0] == o.v[0] && v[1] == o.v[1]; }
    bool operator<(const Key& o) const { return v[0] != o.v[0] ? v[0] < o.v[0] : v[1] < o.v[1]; }
};

// A poor hash on purpose: many keys share a slot, so probing runs long.
struct CoarseHash {
    std::size_t operator()(const Key& k) const { return std::size_t(k.v[0] / 7); }
};

} // namespace

class TestFlatMap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsLikeStdMap() {
        cadf::store::FlatMap<Key, std::int64_t, CoarseHash> flat;
        std::mt19937_64 random(42);
        for (int round = 0; round < 3; ++round) {
            std::map<Key, std::int64_t> expected;
            flat.clear();
            QVERIFY(flat.empty());
            const int keys = round == 1 ? 50 : 5'000; // growth, then reuse of the big table
            for (int i = 0; i < 50'000; ++i) {
                const Key key{{std::int64_t(random() % keys), std::int64_t(random() % 3)}};
                ++flat[key];
                ++expected[key];
            }
            QCOMPARE(flat.size(), expected.size());
            std::size_t seen = 0;
            bool same = true;
            flat.forEach([&](const auto& slot) {
                ++seen;
                const auto it = expected.find(slot.first);
                same &= it != expected.end() && it->second == slot.second;
            });
            QCOMPARE(seen, expected.size());
            QVERIFY(same);
        }
        bool added = false;
        flat.findOrInsert(Key{{-1, -1}}, 5, added);
        QVERIFY(added);
        QCOMPARE(flat.findOrInsert(Key{{-1, -1}}, 9, added), std::int64_t(5));
        QVERIFY(!added);
    }
};

QTEST_APPLESS_MAIN(TestFlatMap)
#include "tst_flat_map.moc"
