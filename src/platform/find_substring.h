// The first occurrence of needle in haystack, or null (strstr's contract; an empty needle is
// found at the start). The wasm builds' strstr.
#pragma once

extern "C" const char *wssl_find_substring(const char *haystack, const char *needle);
