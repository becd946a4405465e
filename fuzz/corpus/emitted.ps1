# PortImpact: change at host:this-host: close tcp+udp/135,445 inbound; 0 overlay rules ahead of it.
# On Windows a block rule beats every allow rule, so the exceptions are not allow rules: each block rule's remote
# addresses leave the exempt addresses out. Traffic that no block rule matches goes on to the existing rules.
# Run in an elevated PowerShell. Running it again replaces the rules of group 'PortImpact host:this-host'.
Remove-NetFirewallRule -Group 'PortImpact host:this-host' -ErrorAction SilentlyContinue
New-NetFirewallRule -Group 'PortImpact host:this-host' -DisplayName 'PortImpact: host:this-host in tcp 135,445' -Direction Inbound -Action Block -Protocol TCP -LocalPort '135','445' -RemoteAddress Any
New-NetFirewallRule -Group 'PortImpact host:this-host' -DisplayName 'PortImpact: host:this-host in udp 135,445' -Direction Inbound -Action Block -Protocol UDP -LocalPort '135','445' -RemoteAddress Any
