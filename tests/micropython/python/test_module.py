# The modules as a board has them: constants, version, SSLContext's construction, attributes
# and verify_mode.
import ssl
import tls
from harness import raises, eq


def test_constants_are_mbedtls_values_in_both_modules():
    for m in (tls, ssl):
        eq((m.CERT_NONE, m.CERT_OPTIONAL, m.CERT_REQUIRED), (0, 1, 2))
        eq((m.PROTOCOL_TLS_CLIENT, m.PROTOCOL_TLS_SERVER), (0, 1))


def test_mbedtls_version_names_the_engine_library():
    eq(tls.MBEDTLS_VERSION, "Mbed TLS 3.6.6")
    eq(ssl.MBEDTLS_VERSION, tls.MBEDTLS_VERSION)


def test_there_is_no_sslerror():
    assert not hasattr(ssl, "SSLError")
    assert not hasattr(tls, "SSLError")


def test_sslcontext_needs_its_protocol():
    raises(TypeError, tls.SSLContext)
    raises(TypeError, ssl.SSLContext)
    eq(raises(TypeError, tls.SSLContext, "client").args, ("can't convert str to int",))
    raises(TypeError, tls.SSLContext, None)


def test_unknown_attributes_are_attribute_errors():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    raises(AttributeError, getattr, ctx, "does_not_exist")
    raises(AttributeError, setattr, ctx, "does_not_exist", None)
    raises(AttributeError, delattr, ctx, "does_not_exist")
    raises(AttributeError, delattr, ctx, "verify_mode")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    raises(AttributeError, getattr, ctx, "does_not_exist")
    raises(AttributeError, setattr, ctx, "check_hostname", False)  # CPython's, not MicroPython's
    raises(AttributeError, delattr, ctx, "does_not_exist")
    raises(AttributeError, delattr, ctx, "verify_mode")
    ctx.verify_mode = ssl.CERT_REQUIRED  # its own attributes still set (the tls context's)
    eq(ctx._context.verify_mode, tls.CERT_REQUIRED)


def test_verify_mode_defaults_as_on_a_board():
    # tls: a client verifies, a server does not; ssl (micropython-lib) starts both at CERT_NONE.
    eq(tls.SSLContext(tls.PROTOCOL_TLS_CLIENT).verify_mode, tls.CERT_REQUIRED)
    eq(tls.SSLContext(tls.PROTOCOL_TLS_SERVER).verify_mode, tls.CERT_NONE)
    eq(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).verify_mode, ssl.CERT_NONE)
    eq(ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).verify_mode, ssl.CERT_NONE)


def test_verify_mode_round_trips():
    for module in (tls, ssl):
        for protocol in (module.PROTOCOL_TLS_CLIENT, module.PROTOCOL_TLS_SERVER):
            ctx = module.SSLContext(protocol)
            for mode in (module.CERT_OPTIONAL, module.CERT_REQUIRED, module.CERT_NONE):
                ctx.verify_mode = mode
                eq(ctx.verify_mode, mode)


def test_verify_mode_rejects_what_is_not_a_mode():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    eq(raises(TypeError, setattr, ctx, "verify_mode", "2").args, ("can't convert str to int",))
    eq(raises(OSError, setattr, ctx, "verify_mode", 3).errno, 22)  # EINVAL
    eq(ctx.verify_mode, tls.CERT_REQUIRED)


def test_verify_callback_is_stored_and_cleared():
    ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
    eq(ctx.verify_callback, None)
    f = lambda cert, depth: 0
    ctx.verify_callback = f
    assert ctx.verify_callback is f
    ctx.verify_callback = None
    eq(ctx.verify_callback, None)


def test_reprs_are_the_c_types():
    eq(repr(tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)), "<SSLContext>")
