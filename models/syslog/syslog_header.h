#pragma once

#include "models/cadf/event.h"

#include <cstdint>
#include <string_view>

// Splits one syslog line (already framed: no octet count, no trailing LF) into its header and
// the MSG that should hold the CADF JSON.
namespace cadf::syslog {

struct SplitLine {
    SyslogInfo header;        // header.format == SyslogFormat::None when no syslog header was found
    std::string_view message; // MSG (UTF-8 BOM and a leading "@cee:" removed), or the whole line
};

// Recognised layouts:
//   RFC 5424  "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]"            -> Rfc5424
//   RFC 3164  "<PRI>Mmm dd hh:mm:ss HOST TAG[pid]: MSG", the host or the tag may be missing, an
//             RFC 3339 time may stand in for the BSD one                      -> Rfc3164
//   the same two 3164 forms without "<PRI>", as rsyslog/syslog-ng write files -> Rfc3164 with
//             facility and severity -1
// Anything else gives format None and the whole line as message.
//
// Field conventions: NILVALUE "-" and absent fields leave hostname, appName, procId and msgId
// empty; timestamp and structuredData keep the text as received ("-" included; structuredData is
// empty for 3164 lines, which have none). timeValid is false for "-" or an unparseable time.
// RFC 3164 times carry no zone and are taken as UTC.
//
// referenceUtcMicros: receive/import time, used to infer the missing year of RFC 3164
// timestamps: the latest year that puts the time no more than 31 days after the reference.
//
// message views into line; it is valid as long as line is.
SplitLine splitSyslog(std::string_view line, std::int64_t referenceUtcMicros);

} // namespace cadf::syslog
