using System.Runtime.Serialization;

namespace GasTown.Deacon.FrameworkHarness;

/// <summary>
/// One entry of tests/golden/write-cases.json. Read with the framework's own DataContractJsonSerializer: the
/// harness must not bind System.Text.Json itself (its net462 build has another assembly version than the
/// netstandard2.0 one the module ships and the core asks for).
/// </summary>
[DataContract]
internal sealed class WriteCase
{
    [DataMember(Name = "name", IsRequired = true)]
    public string Name { get; set; } = string.Empty;

    [DataMember(Name = "timestamp", IsRequired = true)]
    public string Timestamp { get; set; } = string.Empty;

    [DataMember(Name = "cycle", IsRequired = true)]
    public long Cycle { get; set; }

    [DataMember(Name = "last_action")]
    public string? LastAction { get; set; }

    [DataMember(Name = "healthy_agents")]
    public long HealthyAgents { get; set; }

    [DataMember(Name = "unhealthy_agents")]
    public long UnhealthyAgents { get; set; }
}
