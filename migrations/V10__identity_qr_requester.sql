-- Who asked for a QR sign-in, as the server saw the request that opened it: the approving page shows it
-- so that a QR link relayed from someone else's device looks foreign. Sessions opened before this
-- migration (they live five minutes) have none.
ALTER TABLE qr_login_sessions
    ADD COLUMN requester_address varchar(64),
    ADD COLUMN requester_agent   varchar(300);
