{ "targets": [ { "target_name": "bench_quiet", "sources": [ "quiet.c" ], "defines": [ "NAPI_VERSION=8" ] } ] }
