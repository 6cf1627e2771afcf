-- Writes a succeeded export into its request: the report's key in the store, its SHA-256, the rows per sheet and
-- the download link (null where the store gives none). Only a running request changes (a request canceled or
-- failed meanwhile keeps its outcome). Parameters: :id, :reportKey, :sha256, :rowCounts (JSON text),
-- :downloadUrl, :urlExpiresAt (both may be null).
update public.audit_export_requests
   set status = 'succeeded', finished_at = now(), error = null,
       report_key = :reportKey, sha256 = :sha256, row_counts = cast(:rowCounts as jsonb),
       download_url = :downloadUrl, url_expires_at = :urlExpiresAt
 where id = :id
   and status = 'running'
