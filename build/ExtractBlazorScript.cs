#:property PublishAot=false
#:property TreatWarningsAsErrors=true
// Copies the embedded resource "_framework/blazor.web.js" out of Microsoft.AspNetCore.Components.Endpoints.dll.
// .NET 10 ships the script only in a package the registry copy here lacks; the 9.0 runtime pack embeds it
// in this assembly, and that script drives a .NET 10 server (interactive server, streaming, enhanced nav).
// Usage: dotnet run build/ExtractBlazorScript.cs -- <Components.Endpoints.dll> <output file>
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ExtractBlazorScript <Microsoft.AspNetCore.Components.Endpoints.dll> <output>");
    return 2;
}

const string ResourceName = "_framework/blazor.web.js";
using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();
foreach (var handle in md.ManifestResources)
{
    var resource = md.GetManifestResource(handle);
    if (md.GetString(resource.Name) != ResourceName || !resource.Implementation.IsNil)
    {
        continue;
    }

    // Embedded resources: a 4-byte little-endian length, then the bytes, at Offset within the resources directory.
    var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
    var block = pe.GetSectionData(directory.RelativeVirtualAddress);
    var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
    var length = reader.ReadInt32();
    var bytes = reader.ReadBytes(length);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    File.WriteAllBytes(args[1], bytes);
    Console.WriteLine($"ExtractBlazorScript: wrote {bytes.Length} bytes to {args[1]}");
    return 0;
}

Console.Error.WriteLine($"ExtractBlazorScript: resource {ResourceName} not found in {args[0]}");
return 1;
