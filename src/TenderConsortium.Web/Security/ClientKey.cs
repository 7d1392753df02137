using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace TenderConsortium.Web.Security;

/// <summary>
/// Who a throttle counts a request against: the client's own address (behind a configured proxy, the one it forwarded;
/// see <see cref="ProxyOptions"/>). An IPv6 client is counted by its /64, the block one subscriber gets, so that
/// walking through the addresses of its own block does not start each guess afresh.
/// </summary>
public static class ClientKey
{
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
