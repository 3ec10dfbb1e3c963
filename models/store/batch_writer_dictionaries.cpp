#include "models/store/batch_writer.h"

// The writer's dictionaries (strings, resources and their shared attributes): every value an
// event names becomes an id here, inserting a row the first time it is seen.
namespace cadf::store {

namespace {

void appendKeyPart(std::string& key, std::string_view part) {
    const auto size = static_cast<std::uint32_t>(part.size());
    key.append(reinterpret_cast<const char*>(&size), sizeof size);
    key.append(part);
}

void attrsKey(std::string& key, std::string_view name, std::string_view type,
              std::string_view domain, std::string_view credential) {
    key.clear();
    appendKeyPart(key, name);
    appendKeyPart(key, type);
    appendKeyPart(key, domain);
    appendKeyPart(key, credential);
}

void resourceKey(std::string& key, std::string_view rid, std::string_view name,
                 std::string_view type, std::string_view domain, std::string_view credential) {
    key.clear();
    appendKeyPart(key, rid);
    appendKeyPart(key, name);
    appendKeyPart(key, type);
    appendKeyPart(key, domain);
    appendKeyPart(key, credential);
}

} // namespace

// Reads every dictionary key into memory (as hashes): after this a value missing from the
// caches is certainly new, and is inserted without a SELECT.
StoreError BatchWriter::loadDictionaries() {
    for (DictionaryCache& cache : m_strings)
        cache.clear();
    m_resources.clear();
    m_attrs.clear();
    m_maxStringId = 0;
    m_maxResourceId = 0;
    StoreError error =
        m_db.forEachRow("SELECT id, kind, value FROM strings WHERE id > 0", [&](Statement& s) {
            const std::int64_t id = s.int64(0);
            const std::string_view value = s.text(2);
            m_strings[static_cast<std::size_t>(s.int64(1)) & 15].add(
                value, DictionaryCache::hash(value), id, false);
            m_maxStringId = std::max(m_maxStringId, id);
        });
    if (error)
        return error;
    error = m_db.forEachRow(
        "SELECT id, name, type, domain, credential FROM resource_attrs WHERE id > 0",
        [&](Statement& s) {
            attrsKey(m_attrsKey, s.text(1), s.text(2), s.text(3), s.text(4));
            m_attrs.add(m_attrsKey, DictionaryCache::hash(m_attrsKey), s.int64(0), false);
        });
    if (error)
        return error;
    return m_db.forEachRow(
        "SELECT id, rid, name, type, domain, credential FROM resources WHERE id > 0",
        [&](Statement& s) {
            const std::int64_t id = s.int64(0);
            resourceKey(m_key, s.text(1), s.text(2), s.text(3), s.text(4), s.text(5));
            m_resources.add(m_key, DictionaryCache::hash(m_key), id, false);
            m_maxResourceId = std::max(m_maxResourceId, id);
        });
}

std::int64_t BatchWriter::stringId(StringKind kind, std::string_view value, StoreError& error) {
    if (value.empty())
        return 0;
    const std::size_t k = static_cast<std::size_t>(kind) & 15;
    if (m_lastStringId[k] != 0 && m_lastString[k] == value)
        return m_lastStringId[k];

    DictionaryCache& cache = m_strings[k];
    const std::uint64_t hash = DictionaryCache::hash(value);
    std::int64_t id = cache.find(value, hash, [&](std::int64_t candidate) {
        m_stringById.rewind();
        m_stringById.bind(1, candidate);
        const bool same = m_stringById.step() == Statement::Step::Row &&
                          m_stringById.int64(0) == static_cast<std::int64_t>(kind) &&
                          m_stringById.text(1) == value;
        m_stringById.reset();
        return same;
    });
    if (id == DictionaryCache::kAskStore) {
        m_selectString.rewind();
        m_selectString.bind(1, static_cast<int>(kind)).bind(2, value);
        id = m_selectString.step() == Statement::Step::Row ? m_selectString.int64(0)
                                                           : DictionaryCache::kUnknown;
        m_selectString.reset();
        if (id != DictionaryCache::kUnknown)
            cache.add(value, hash, id);
    }
    if (id == DictionaryCache::kUnknown) {
        m_insertString.rewind();
        m_insertString.bind(1, static_cast<int>(kind)).bind(2, value);
        if (m_insertString.step() == Statement::Step::Error) {
            error = m_insertString.error();
            m_insertString.reset();
            return -1;
        }
        m_insertString.reset();
        id = m_db.lastInsertRowid();
        m_maxStringId = id;
        cache.add(value, hash, id);
    }
    m_lastString[k].assign(value);
    m_lastStringId[k] = id;
    return id;
}

std::int64_t BatchWriter::attrsId(const cadf::Resource& r, StoreError& error) {
    if (r.name.empty() && r.typeUri.empty() && r.domain.empty() && r.credentialType.empty())
        return 0;
    attrsKey(m_attrsKey, r.name, r.typeUri, r.domain, r.credentialType);
    const std::uint64_t hash = DictionaryCache::hash(m_attrsKey);
    auto bindAll = [&r](Statement& s) {
        s.bind(1, r.name).bind(2, r.typeUri).bind(3, r.domain).bind(4, r.credentialType);
    };
    // resource_attrs has a UNIQUE index: a SELECT settles any doubt, and the table is small.
    std::int64_t id = m_attrs.find(m_attrsKey, hash, [](std::int64_t) { return false; });
    if (id == DictionaryCache::kAskStore) {
        m_selectAttrs.rewind();
        bindAll(m_selectAttrs);
        id = m_selectAttrs.step() == Statement::Step::Row ? m_selectAttrs.int64(0)
                                                          : DictionaryCache::kUnknown;
        m_selectAttrs.reset();
        if (id != DictionaryCache::kUnknown)
            m_attrs.add(m_attrsKey, hash, id);
    }
    if (id == DictionaryCache::kUnknown) {
        m_insertAttrs.rewind();
        bindAll(m_insertAttrs);
        if (m_insertAttrs.step() == Statement::Step::Error) {
            error = m_insertAttrs.error();
            m_insertAttrs.reset();
            return -1;
        }
        m_insertAttrs.reset();
        id = m_db.lastInsertRowid();
        m_attrs.add(m_attrsKey, hash, id);
    }
    return id;
}

std::int64_t BatchWriter::resourceId(const cadf::Resource& r, int slot, StoreError& error) {
    if (r.id.empty() && r.name.empty() && r.typeUri.empty() && r.domain.empty() &&
        r.credentialType.empty())
        return 0;
    resourceKey(m_key, r.id, r.name, r.typeUri, r.domain, r.credentialType);
    if (m_lastResourceId[slot] != 0 && m_lastResourceKey[slot] == m_key)
        return m_lastResourceId[slot];

    auto bindAll = [&r](Statement& s) {
        s.bind(1, r.id)
            .bind(2, r.name)
            .bind(3, r.typeUri)
            .bind(4, r.domain)
            .bind(5, r.credentialType);
    };
    const std::uint64_t hash = DictionaryCache::hash(m_key);
    std::int64_t id = m_resources.find(m_key, hash, [&](std::int64_t candidate) {
        m_resourceById.rewind();
        m_resourceById.bind(1, candidate);
        const Statement& s = m_resourceById;
        const bool same = m_resourceById.step() == Statement::Step::Row && s.text(0) == r.id &&
                          s.text(1) == r.name && s.text(2) == r.typeUri && s.text(3) == r.domain &&
                          s.text(4) == r.credentialType;
        m_resourceById.reset();
        return same;
    });
    if (id == DictionaryCache::kAskStore) {
        m_selectResource.rewind();
        bindAll(m_selectResource);
        id = m_selectResource.step() == Statement::Step::Row ? m_selectResource.int64(0)
                                                             : DictionaryCache::kUnknown;
        m_selectResource.reset();
        if (id != DictionaryCache::kUnknown)
            m_resources.add(m_key, hash, id);
    }
    if (id == DictionaryCache::kUnknown) {
        const std::int64_t attrs = attrsId(r, error);
        if (attrs < 0)
            return -1;
        m_insertResource.rewind();
        m_insertResource.bind(1, r.id).bind(2, attrs);
        if (m_insertResource.step() == Statement::Step::Error) {
            error = m_insertResource.error();
            m_insertResource.reset();
            return -1;
        }
        m_insertResource.reset();
        id = m_db.lastInsertRowid();
        m_maxResourceId = id;
        // Not into the window of recent texts: most new targets are never seen again (URLs with
        // ids in them), and the few that are get confirmed by one rowid look-up.
        m_resources.add(m_key, hash, id, false);
    }
    m_lastResourceKey[slot] = m_key;
    m_lastResourceId[slot] = id;
    return id;
}

} // namespace cadf::store
