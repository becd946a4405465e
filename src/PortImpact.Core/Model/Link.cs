using PortImpact.Core.Diagnostics;

namespace PortImpact.Core.Model;

/// <summary>
/// Two places connected through an enforcement point. <see cref="Inside"/> names the end that traffic
/// flowing "in" arrives at: the site end of a site–zone link, else the first place unless the model says.
/// </summary>
public sealed record Link(string A, string B, string Via, string Inside, SourceLocation? Location)
{
    public string Other(string place) => place == A ? B : A;
}
