#!/usr/bin/env bash
# tests/bench/revoke.sh DB N — the change `make bench` times a rebuild after: the
# certificate in force at place N*97 (by id) is revoked, with its event, as `ocop`'s
# revocation records it.
set -euo pipefail
db=$1 i=$2
sqlite3 "$db" "UPDATE certificate SET status = 'revoked', status_reason = 'bench $i'
      WHERE id = (SELECT id FROM certificate WHERE status = 'valid' ORDER BY id LIMIT 1 OFFSET $((i * 97)));
    INSERT INTO certificate_event (certificate_id, kind, at, note)
      SELECT id, 'revoked', strftime('%s', 'now'), 'bench' FROM certificate WHERE status_reason = 'bench $i';"
