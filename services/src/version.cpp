namespace cms::services { const char* version() { return "0.1.0"; } }
