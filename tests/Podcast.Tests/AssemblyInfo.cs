// The suite drives Linux tools (runuser, mount, ffmpeg, eyeD3, chromium) as a user on a Debian machine would.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
