/*
 * auth.h — accounts, sessions, CSRF tokens, login throttling and the audit trail.
 *
 * Passwords are argon2id hashes (libsodium crypto_pwhash_str). A session is a
 * 256-bit random token given to the browser in an HttpOnly, SameSite=Strict cookie;
 * the database keeps only its SHA-256. Each session has its own CSRF token. Audit
 * rows form a hash chain: each row's hash covers the previous row's hash.
 */
#ifndef OCOP_AUTH_H
#define OCOP_AUTH_H

#include <jansson.h>
#include <sodium.h>
#include <stdint.h>

#include "config.h"
#include "db.h"

#define SESSION_COOKIE    "ocop_session"
#define LOGIN_CSRF_COOKIE "ocop_login"
#define TOKEN_TEXT_LEN    43 /* base64url of 32 bytes, no padding */
#define CSRF_TEXT_LEN     64 /* hex of 32 bytes */

enum role { ROLE_COMMUNE, ROLE_DISTRICT, ROLE_PROVINCE, ROLE_COUNCIL, ROLE_ADMIN, ROLE__MAX };
extern const char *const role_names[ROLE__MAX + 1]; /* NULL-terminated, for FIELD_ENUM */
extern const char *const role_labels[ROLE__MAX];    /* Vietnamese */
int role_from_name(const char *name);               /* enum value or -1 */

struct session {
    int64_t id;
    int64_t user_id;
    int64_t expires_at;
    enum role role;
    char username[64];
    char full_name[128];
    char area[128]; /* area code */
    char area_name[128];
    char csrf[CSRF_TEXT_LEN + 1];
};

int auth_hash_password(const char *password, char out[crypto_pwhash_STRBYTES]);
/* 0 when the password matches. */
int auth_verify_password(const char *hash, const char *password);

/* Random token text (base64url, TOKEN_TEXT_LEN chars + NUL). */
void auth_random_token(char out[TOKEN_TEXT_LEN + 1]);
/* Hex SHA-256 of a token, as stored. */
void auth_token_hash(const char *token, char out[65]);

/* Creates a session for user_id; writes the cookie token to token_out and fills s.
 * Runs inside the caller's transaction. 0 or -1. */
int session_create(struct db *db, const struct config *cfg, int64_t user_id, const char *addr,
                   const char *user_agent, char token_out[TOKEN_TEXT_LEN + 1], struct session *s);
/* 1 and s filled when the token names a live session of an enabled user (its idle
 * clock is touched), 0 when not (unknown, expired, disabled: expired rows are
 * deleted), -1 on a database error. */
int session_lookup(struct db *db, const struct config *cfg, const char *token, struct session *s);
int session_destroy(struct db *db, int64_t session_id);
/* Constant-time check of a submitted CSRF token against the session's. 0 = ok. */
int csrf_check(const struct session *s, const char *given);

/* Login throttling: 1 when this account or address has too many recent failures. */
int login_throttled(struct db *db, const struct config *cfg, const char *username,
                    const char *addr);
int login_record_failure(struct db *db, const char *username, const char *addr);
/* Clears the account's failures after a successful login. */
int login_clear_failures(struct db *db, const char *username);

/* Looks up an enabled user by name: 1 found (id, hash filled), 0 none, -1 error. */
int user_find(struct db *db, const char *username, int64_t *id, char *hash, size_t hash_size,
              int *disabled);

/* Appends an audit row (inside the caller's transaction). user_id 0 = nobody.
 * detail may be NULL (borrowed). 0 or -1. */
int audit_log(struct db *db, int64_t user_id, const char *action, const char *object_type,
              const char *object_id, json_t *detail, const char *addr);
/* The same, taking the reference to detail (for a detail built in the call). */
int audit_log_new(struct db *db, int64_t user_id, const char *action, const char *object_type,
                  const char *object_id, json_t *detail, const char *addr);
/* Walks the chain; returns the id of the first bad row, 0 when intact, -1 on error. */
int64_t audit_verify(struct db *db);

#endif
