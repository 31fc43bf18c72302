#include <windows.h>
typedef BOOLEAN (WINAPI *RtlGenRandomFn)(PVOID, ULONG);
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static RtlGenRandomFn fn;
    if (!fn) {
        HMODULE h = LoadLibraryA("advapi32.dll");
        if (!h) return FALSE;
        fn = (RtlGenRandomFn)GetProcAddress(h, "SystemFunction036");
        if (!fn) return FALSE;
    }
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!fn(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
