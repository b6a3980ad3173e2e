//! The runner's own connection: TLS as libpq and lib/pq do it, as the tools do. No `sslmode` means
//! `require` (encrypted, certificate not verified: what Heroku's `DATABASE_URL` needs);
//! `verify-ca`/`verify-full` verify against the system's roots; `disable` is plain; `prefer` tries
//! TLS first.

use super::{DbError, DbUrl, describe_pg_error};
use postgres::config::SslMode;
use std::sync::Arc;
use std::time::Duration;

/// How TLS is used on the runner's own connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tls {
    Disable,
    Prefer,
    Require,
    Verify,
}

impl DbUrl {
    /// Connect with the runner's own session.
    pub fn connect(&self) -> Result<postgres::Client, DbError> {
        self.connect_config(self.config().clone())
    }

    /// Connect a session that starts with these run-time parameters, as lib/pq starts the tools'
    /// sessions with a URL's unknown parameters: in the startup packet (here as `options=-c
    /// key=value`, after the URL's own `options`), so that `RESET`/`RESET ALL` return to them.
    pub fn connect_with(&self, params: &[(String, String)]) -> Result<postgres::Client, DbError> {
        let mut config = self.config().clone();
        if !params.is_empty() {
            let mut options = config.get_options().unwrap_or_default().to_string();
            for (k, v) in params {
                if !options.is_empty() {
                    options.push(' ');
                }
                options.push_str(&format!("-c {}={}", options_escape(k), options_escape(v)));
            }
            config.options(&options);
        }
        self.connect_config(config)
    }

    /// [`DbUrl::connect`], giving up after `timeout` at most (a clean-up that must not hold the runner up).
    pub fn connect_within(&self, timeout: Duration) -> Result<postgres::Client, DbError> {
        let mut config = self.config().clone();
        config.connect_timeout(config.get_connect_timeout().copied().unwrap_or(timeout).min(timeout));
        self.connect_config(config)
    }

    fn connect_config(&self, mut config: postgres::Config) -> Result<postgres::Client, DbError> {
        let result = match self.tls() {
            Tls::Disable => config.ssl_mode(SslMode::Disable).connect(postgres::NoTls),
            Tls::Prefer => config.ssl_mode(SslMode::Prefer).connect(no_verify_tls()),
            Tls::Require => config.ssl_mode(SslMode::Require).connect(no_verify_tls()),
            Tls::Verify => {
                let connector = tokio_postgres_rustls::MakeRustlsConnect::with_native_certs()
                    .map(|(c, _)| c)
                    .map_err(|_| DbError::Connect("sslmode=verify-full needs the system's CA certificates, and none were found".into()))?;
                config.ssl_mode(SslMode::Require).connect(connector)
            }
        };
        result.map_err(|e| DbError::Connect(self.mask(&describe_pg_error(&e))))
    }
}

/// A value for PostgreSQL's `options` startup parameter: spaces and backslashes escaped.
fn options_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(' ', "\\ ")
}

/// TLS that encrypts without verifying the server certificate (libpq's `sslmode=require`),
/// while still checking the handshake signatures.
fn no_verify_tls() -> tokio_postgres_rustls::MakeRustlsConnect {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(NoCertificateVerification(provider)))
        .with_no_client_auth();
    tokio_postgres_rustls::MakeRustlsConnect::new(config)
}

#[derive(Debug)]
struct NoCertificateVerification(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoCertificateVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
