{
  # The SANE binding. Node-API only (NAPI_VERSION 8): one build loads in Node and in Electron.
  "targets": [
    {
      "target_name": "sane",
      "sources": [
        "src/addon.cc",
        "src/handle.cc",
        "src/options.cc",
        "src/status.cc",
        "src/workers.cc"
      ],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra"],
      "libraries": ["-lsane"],
      "conditions": [
        ["OS=='mac'", {
          # Homebrew and MacPorts keep libsane outside the default search paths.
          "include_dirs": ["/opt/homebrew/include", "/usr/local/include", "/opt/local/include"],
          "libraries": ["-L/opt/homebrew/lib", "-L/usr/local/lib", "-L/opt/local/lib"],
          "xcode_settings": {"CLANG_CXX_LANGUAGE_STANDARD": "c++17"}
        }]
      ]
    }
  ]
}
