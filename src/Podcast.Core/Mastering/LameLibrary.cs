using System.Runtime.InteropServices;

namespace Podcast.Mastering;

/// <summary>
/// The entry points of libmp3lame (Debian: libmp3lame0) the encoder needs, bound at run time so that a machine
/// without the library still publishes MP3 inputs as they are. Binding goes through <see cref="NativeLibrary"/> and
/// function pointers rather than <c>DllImport</c>, so nothing is resolved until <see cref="TryLoad"/> is called and no
/// process-wide import resolver is claimed.
/// </summary>
internal sealed unsafe class LameLibrary
{
    /// <summary>Overrides where the library is looked for: a file path or a library name.</summary>
    public const string EnvironmentVariable = "PODCAST_LIBMP3LAME";

    private static readonly string[] Candidates = ["libmp3lame.so.0", "libmp3lame.so", "libmp3lame.0.dylib", "libmp3lame.dylib", "libmp3lame.dll", "mp3lame"];

    private LameLibrary(nint handle, string name)
    {
        Name = name;
        Init = (delegate* unmanaged[Cdecl]<nint>)Export(handle, "lame_init");
        Close = (delegate* unmanaged[Cdecl]<nint, int>)Export(handle, "lame_close");
        SetNumChannels = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_num_channels");
        SetInSampleRate = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_in_samplerate");
        SetOutSampleRate = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_out_samplerate");
        SetBitrate = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_brate");
        SetMode = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_mode");
        SetVbr = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_VBR");
        SetVbrQuality = (delegate* unmanaged[Cdecl]<nint, float, int>)Export(handle, "lame_set_VBR_quality");
        SetWriteVbrTag = (delegate* unmanaged[Cdecl]<nint, int, int>)Export(handle, "lame_set_bWriteVbrTag");
        SetWriteId3TagAutomatic = (delegate* unmanaged[Cdecl]<nint, int, void>)Export(handle, "lame_set_write_id3tag_automatic");
        InitParams = (delegate* unmanaged[Cdecl]<nint, int>)Export(handle, "lame_init_params");
        EncodePlanarFloat = (delegate* unmanaged[Cdecl]<nint, float*, float*, int, byte*, int, int>)Export(handle, "lame_encode_buffer_ieee_float");
        EncodeInterleavedFloat = (delegate* unmanaged[Cdecl]<nint, float*, int, byte*, int, int>)Export(handle, "lame_encode_buffer_interleaved_ieee_float");
        Flush = (delegate* unmanaged[Cdecl]<nint, byte*, int, int>)Export(handle, "lame_encode_flush");
        GetLameTagFrame = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, nuint>)Export(handle, "lame_get_lametag_frame");
        GetVersion = (delegate* unmanaged[Cdecl]<nint>)Export(handle, "get_lame_version");
        HipInit = (delegate* unmanaged[Cdecl]<nint>)Export(handle, "hip_decode_init");
        HipExit = (delegate* unmanaged[Cdecl]<nint, int>)Export(handle, "hip_decode_exit");
        HipDecodeFrame = (delegate* unmanaged[Cdecl]<nint, byte*, nuint, short*, short*, int>)Export(handle, "hip_decode1");
    }

    /// <summary>The name or path the library was loaded by.</summary>
    public string Name { get; }

    public delegate* unmanaged[Cdecl]<nint> Init { get; }
    public delegate* unmanaged[Cdecl]<nint, int> Close { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetNumChannels { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetInSampleRate { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetOutSampleRate { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetBitrate { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetMode { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetVbr { get; }
    public delegate* unmanaged[Cdecl]<nint, float, int> SetVbrQuality { get; }
    public delegate* unmanaged[Cdecl]<nint, int, int> SetWriteVbrTag { get; }
    public delegate* unmanaged[Cdecl]<nint, int, void> SetWriteId3TagAutomatic { get; }
    public delegate* unmanaged[Cdecl]<nint, int> InitParams { get; }

    /// <summary>Planar float in -1..1; the right pointer is ignored for mono. The only safe entry point for mono.</summary>
    public delegate* unmanaged[Cdecl]<nint, float*, float*, int, byte*, int, int> EncodePlanarFloat { get; }

    /// <summary>Interleaved float in -1..1. LAME reads two channels from it whatever the channel count: stereo only.</summary>
    public delegate* unmanaged[Cdecl]<nint, float*, int, byte*, int, int> EncodeInterleavedFloat { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, int, int> Flush { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, nuint> GetLameTagFrame { get; }
    public delegate* unmanaged[Cdecl]<nint> GetVersion { get; }

    // LAME's own decoder (mpglib, "hip"), to hear the encoded stream as a player will.
    public delegate* unmanaged[Cdecl]<nint> HipInit { get; }
    public delegate* unmanaged[Cdecl]<nint, int> HipExit { get; }

    /// <summary>Takes more input (or none) and returns at most one frame's samples per channel: 0 when it needs more, -1 on error.</summary>
    public delegate* unmanaged[Cdecl]<nint, byte*, nuint, short*, short*, int> HipDecodeFrame { get; }

    public string Version => Marshal.PtrToStringAnsi(GetVersion()) ?? "unknown";

    /// <summary>
    /// The library, or null when it is not installed (or <see cref="EnvironmentVariable"/> names one that does not
    /// load) or lacks an entry point the encoder needs.
    /// </summary>
    /// <summary>LAME's decoder output (16-bit, one array per channel) as float samples, interleaved when stereo.</summary>
    public static void ToFloat(short[] left, short[] right, int samples, int channels, float[] into)
    {
        for (var i = 0; i < samples; i++)
        {
            if (channels == 1)
            {
                into[i] = left[i] / 32768f;
            }
            else
            {
                into[2 * i] = left[i] / 32768f;
                into[(2 * i) + 1] = right[i] / 32768f;
            }
        }
    }

    public static LameLibrary? TryLoad()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string[] names = string.IsNullOrWhiteSpace(configured) ? Candidates : [configured];
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(LameLibrary).Assembly, null, out var handle))
                continue;
            try
            {
                return new LameLibrary(handle, name);
            }
            catch (EntryPointNotFoundException)
            {
                NativeLibrary.Free(handle);
            }
        }

        return null;
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address) ? address : throw new EntryPointNotFoundException(name);
}
