# The one error policy: the engine classifies each result (wssl_error_class) and tls.py only
# turns the class into MicroPython's exception.
import tls
import _wasm_ssl_tls as engine
import _wasm_ssl_abi as abi
from harness import raises, eq


def test_each_kind_of_result_has_its_class():
    cases = (
        (0, abi.CLASS_NONE),
        (abi.WANT_READ, abi.CLASS_AGAIN),
        (abi.WANT_PSK, abi.CLASS_AGAIN),
        (-104, abi.CLASS_ERRNO),
        (-255, abi.CLASS_ERRNO),
        (abi.ENOMEM, abi.CLASS_NO_MEMORY),
        (-0x7F00, abi.CLASS_NO_MEMORY),  # MBEDTLS_ERR_SSL_ALLOC_FAILED
        (abi.ERR_INVALID_KEY, abi.CLASS_INVALID_KEY),
        (abi.ERR_INVALID_CERT, abi.CLASS_INVALID_CERT),
        (abi.ERR_HOSTNAME_REQUIRED, abi.CLASS_HOSTNAME_REQUIRED),
        (abi.ERR_CERT_VERIFY_FAILED, abi.CLASS_VERIFY_FAILED),
        (-256, abi.CLASS_TLS),  # MicroPython's cut-off
        (-0x7180, abi.CLASS_TLS),
        (1, abi.CLASS_TLS),  # a verify_callback's veto
    )
    for code, kind in cases:
        eq((code, engine.error_class(code)), (code, kind))


def test_tls_raises_by_class():
    eq(raises(OSError, tls._raise, -0x7F00).args, (12,))
    eq(raises(OSError, tls._raise, -104).args, (104,))
    eq(raises(ValueError, tls._raise, abi.ERR_HOSTNAME_REQUIRED).args, ("CERT_REQUIRED requires server_hostname",))
    eq(raises(OSError, tls._raise, -0x7180).args, (-0x7180, "MBEDTLS_ERR_SSL_INVALID_MAC"))
    eq(raises(OSError, tls._raise, 1).args, (1, "MBEDTLS_ERR_ERROR_GENERIC_ERROR"))
