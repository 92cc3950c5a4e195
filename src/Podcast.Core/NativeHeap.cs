using System.Runtime.InteropServices;

namespace Podcast;

/// <summary>
/// How the C heap that whisper.cpp allocates from gives memory back. glibc's malloc raises its mmap threshold after
/// the first large block is freed, so the buffers whisper.cpp allocates for every piece it transcribes (the padded
/// samples and the log-mel spectrogram, tens of MB for five minutes) are then carved from the heap and stay resident
/// after they are freed, piece after piece. A fixed threshold maps each large block on its own and unmaps it when
/// freed; with at most two arenas, freed blocks are also not spread over one heap per thread. Measured with Whisper.net
/// alone on the 10-minute benchmark call in 5-minute pieces: peak RSS 607 -> 484 MB, the same speed (bench/profile.md).
/// </summary>
public static partial class NativeHeap
{
    private const int MmapThreshold = -3; // M_MMAP_THRESHOLD in glibc's malloc.h
    private const int ArenaMax = -8; // M_ARENA_MAX

    /// <summary>Call once at process start, before any native library allocates. Does nothing where the C library is not glibc.</summary>
    public static void ReturnLargeBlocksWhenFreed()
    {
        if (!OperatingSystem.IsLinux())
            return;
        try
        {
            _ = mallopt(MmapThreshold, 128 * 1024);
            _ = mallopt(ArenaMax, 2);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl and other C libraries: their allocators return memory their own way.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int parameter, int value);
}
