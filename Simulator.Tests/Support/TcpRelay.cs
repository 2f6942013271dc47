using System.Net;
using System.Net.Sockets;

namespace FoodDelivery.Simulator.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of a real service, which a test can cut (connections are dropped and new ones
/// closed at once: the service looks unreachable) and restore. A network outage without touching the service.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private bool _cut;
    private int _refused;

    private TcpRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Connections refused while cut.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public static TcpRelay Start(Uri target) => new(target);

    public void Cut()
    {
        lock (_gate)
        {
            _cut = true;
            foreach (var connection in _open)
            {
                connection.Dispose();
            }

            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            _cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            bool cut;
            lock (_gate)
            {
                cut = _cut;
            }

            if (cut)
            {
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(upstream);
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var down = client.GetStream().CopyToAsync(upstream.GetStream(), cancel.Token);
            var up = upstream.GetStream().CopyToAsync(client.GetStream(), cancel.Token);
            await Task.WhenAny(down, up);
            await cancel.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection was cut or closed: that is the point.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }

            client.Dispose();
        }
    }
}
