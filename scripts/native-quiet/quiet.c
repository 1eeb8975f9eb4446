/*
 * bench_quiet: mutes file descriptor 2 while TensorFlow loads. TensorFlow 2.16+ writes its start-up
 * lines through absl before logging is initialised, so TF_CPP_MIN_LOG_LEVEL does not hold them back.
 *   mute() -> saved fd (or -1); restore(saved)
 */
#include <fcntl.h>
#include <node_api.h>
#include <stdio.h>
#include <unistd.h>

static napi_value Mute(napi_env env, napi_callback_info info) {
  (void)info;
  fflush(stderr);
  int saved = dup(2);
  int nul = open("/dev/null", O_WRONLY);
  if (saved >= 0 && nul >= 0) dup2(nul, 2);
  if (nul >= 0) close(nul);
  napi_value r;
  napi_create_int32(env, saved, &r);
  return r;
}

static napi_value Restore(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t saved = -1;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc > 0) napi_get_value_int32(env, argv[0], &saved);
  fflush(stderr);
  if (saved >= 0) {
    dup2(saved, 2);
    close(saved);
  }
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value f;
  napi_create_function(env, "mute", NAPI_AUTO_LENGTH, Mute, NULL, &f);
  napi_set_named_property(env, exports, "mute", f);
  napi_create_function(env, "restore", NAPI_AUTO_LENGTH, Restore, NULL, &f);
  napi_set_named_property(env, exports, "restore", f);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
