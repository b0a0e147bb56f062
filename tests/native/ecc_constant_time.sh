#!/bin/sh
# Constant-time check of the elliptic-curve scalar multiplications (see
# ecc_constant_time_probe.cpp): valgrind must find nothing secret-dependent in our code, and
# must find something in mbedtls' generic code (else the check itself is broken).
# Usage: ecc_constant_time.sh PROBE MODE...   Exit 77 (skipped) without valgrind, or with
# WSSL_CT_SKIP set (the reason: a sanitizer build).
probe=$1
shift
if [ -n "$WSSL_CT_SKIP" ]; then
  echo "SKIPPED: $WSSL_CT_SKIP, so constant time is unchecked here"
  exit 77
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "SKIPPED: valgrind is not installed (apt-get install valgrind), so constant time is unchecked"
  exit 77
fi
status=0
for mode in "$@"; do
  log=$(mktemp)
  timeout 300 valgrind --tool=memcheck --error-exitcode=99 --track-origins=yes \
    "$probe" "$mode" >"$log" 2>&1
  code=$?
  errors=$(grep -c "depends on uninitialised\|Use of uninitialised value" "$log")
  case $mode in
  own-*)
    if [ "$code" -ne 0 ] || [ "$errors" -ne 0 ]; then
      echo "FAIL $mode: exit $code, $errors secret-dependent branch/index report(s):"
      cat "$log"
      status=1
    else
      echo "ok   $mode: no secret-dependent branch or memory index"
    fi ;;
  mbedtls-*)
    if [ "$errors" -eq 0 ]; then
      echo "FAIL $mode: valgrind flagged nothing in mbedtls' generic code: the check is blind"
      cat "$log"
      status=1
    else
      echo "ok   $mode: valgrind flags mbedtls' generic code ($errors reports), as expected"
    fi ;;
  esac
  rm -f "$log"
done
exit $status
