using System.Net.Sockets;
using System.Text;
using TensionTracker.Tests.Support;

namespace TensionTracker.Tests.Hosting;

[Collection(HostCollection.Name)]
public class an_error_no_endpoint_handles(HostFixture host)
{
    [Fact]
    public async Task a_malformed_request_body_is_answered_400_as_a_problem_not_500()
    {
        // A chunked body whose chunk size is not hexadecimal: Kestrel throws as the endpoint reads the body.
        var uri = new Uri(host.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/articles HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("Content-Type: application/problem+json", answer);
        Assert.Contains("\"title\":\"Bad request\"", answer);
        Assert.Contains("nosniff", answer); // the security headers survive the error answer
    }
}
