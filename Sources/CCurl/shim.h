#ifndef IOTCTL_CCURL_SHIM_H
#define IOTCTL_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed door each. */
static inline CURLcode iotctl_curl_set_long(CURL *curl, CURLoption option, long value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode iotctl_curl_set_offset(CURL *curl, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode iotctl_curl_set_string(CURL *curl, CURLoption option, const char *value) {
  return curl_easy_setopt(curl, option, value);
}
static inline CURLcode iotctl_curl_set_pointer(CURL *curl, CURLoption option, void *value) {
  return curl_easy_setopt(curl, option, value);
}
typedef size_t (*iotctl_curl_write_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode iotctl_curl_set_write(CURL *curl, iotctl_curl_write_callback callback) {
  return curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, callback);
}
typedef int (*iotctl_curl_progress_callback)(void *context, curl_off_t total, curl_off_t now, curl_off_t utotal, curl_off_t unow);
static inline CURLcode iotctl_curl_set_progress(CURL *curl, iotctl_curl_progress_callback callback) {
  return curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, callback);
}
static inline CURLcode iotctl_curl_get_long(CURL *curl, CURLINFO info, long *value) {
  return curl_easy_getinfo(curl, info, value);
}
static inline CURLcode iotctl_curl_get_string(CURL *curl, CURLINFO info, char **value) {
  return curl_easy_getinfo(curl, info, value);
}
#endif
